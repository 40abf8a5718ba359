// The offline model's decision between "plan it" and "ask which goal": keyboard
// mash, filler text and lone greetings get a question back and no actions, in
// English and Chinese; real goals, with or without a planning verb, still get
// create_plan + decompose_task.
import { describe, expect, it } from "vitest";
import { chatReply } from "./chat-reply.ts";
import { isFiller, isGibberish } from "./gibberish.ts";

const CJK = /[\u4e00-\u9fff]/;

describe("chat_reply: not a goal → a question, no actions", () => {
  it.each([
    "asdf qwer zxcv",
    "asdfasdf",
    "sdfsdf sdfsdf",
    "lorem ipsum dolor sit amet",
    "the quick brown fox jumps over the lazy dog",
    "foo bar baz",
    "blah blah blah",
    "test",
    "testing 123",
    "xyz abc",
    "nice weather today",
  ])("English %j", (message) => {
    const reply = chatReply({ message, language: "en" });
    expect(reply.actions).toEqual([]);
    expect(reply.reply).toMatch(/\?/);
    expect(reply.reply).toMatch(/goal/i);
    expect(reply.reply).not.toMatch(CJK);
  });

  it.each(["hello", "hi there", "hey hey", "good morning"])("a lone English greeting %j asks what to plan", (message) => {
    const reply = chatReply({ message, language: "en" });
    expect(reply.actions).toEqual([]);
    expect(reply.reply).toMatch(/plan/i);
  });

  it.each(["阿斯顿发生的发", "水电费水电费", "你好啊朋友", "你好", "大家好", "测试一下", "随便"])("Chinese %j", (message) => {
    const reply = chatReply({ message, language: "zh-CN" });
    expect(reply.actions).toEqual([]);
    expect(reply.reply).toMatch(CJK);
    expect(reply.reply).toMatch(/目标/);
  });
});

describe("chat_reply: goals are still planned", () => {
  it.each([
    ["Plan a trip to Paris", "en"],
    ["learn guitar", "en"],
    ["I want to get fit for a marathon by June", "en"],
    ["we need a new office for our team of twelve", "en"],
    ["Organize a company offsite for 40 people", "en"],
    ["帮我规划一次为期两天的苏州旅行", "zh-CN"],
    ["我想三个月内通过英语六级考试", "zh-CN"],
  ] as const)("%j", (message, language) => {
    const reply = chatReply({ message, language });
    expect(reply.actions.map((a) => a.kind)).toEqual(["create_plan", "decompose_task"]);
  });
});

describe("isFiller / isGibberish", () => {
  it.each([
    ["lorem ipsum", true],
    ["foo bar", true],
    ["haha haha haha", true],
    ["水电费水电费", true],
    ["阿斯顿发生的发", true],
    ["Plan something for my birthday", false],
    ["prepare for the test", false],
    ["帮我准备考试", false],
  ] as const)("isFiller(%j) = %s", (message, expected) => {
    expect(isFiller(message)).toBe(expected);
  });

  it.each([
    ["asdf qwer zxcv", true],
    ["qwerty", true],
    ["Learn SQL", false],
    ["launch the app", false],
  ] as const)("isGibberish(%j) = %s", (message, expected) => {
    expect(isGibberish(message)).toBe(expected);
  });
});
