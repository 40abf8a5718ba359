// The message box near and over the limit (nothing pasted is cut; Send is
// blocked with the reason), and messages that are not goals get a question
// back instead of a plan, in English and Chinese.
import { expect, test } from "@playwright/test";
import { ChatPage } from "./chat-page";

test("a counter near the limit; over it the whole text stays, Send is blocked and says why", async ({ page }) => {
  const chat = new ChatPage(page);
  await chat.open();
  const send = page.getByTestId("chat-send");
  const counter = page.getByTestId("chat-char-count");

  await chat.input.fill("a".repeat(3000));
  await expect(counter).toHaveCount(0);
  await chat.input.fill("a".repeat(3300));
  await expect(counter).toHaveText("3,300 / 4,000");
  await expect(page.getByTestId("chat-too-long")).toHaveCount(0);
  await expect(send).toBeEnabled();

  // 5,500 pasted characters: all of them stay in the box.
  await chat.input.fill("b".repeat(5500));
  expect(await chat.input.inputValue()).toHaveLength(5500);
  await expect(counter).toHaveText("5,500 / 4,000");
  await expect(page.getByTestId("chat-too-long")).toHaveText("Too long by 1,500 characters (the limit is 4,000). Shorten the message to send it.");
  await expect(chat.input).toHaveAttribute("aria-invalid", "true");
  await expect(send).toBeDisabled();
  await chat.input.press("Enter");
  await expect(page.getByTestId("message-user")).toHaveCount(0);
  expect(await chat.input.inputValue()).toHaveLength(5500);

  await chat.input.fill("b".repeat(4000));
  await expect(counter).toHaveText("4,000 / 4,000");
  await expect(page.getByTestId("chat-too-long")).toHaveCount(0);
  await expect(send).toBeEnabled();
});

for (const { message, question } of [
  { message: "asdf qwer zxcv", question: /What goal would you like to plan\?/ },
  { message: "lorem ipsum dolor sit amet", question: /What goal would you like to plan\?/ },
  { message: "hello", question: /plan/ },
  { message: "水电费水电费", question: /你想规划什么目标？/ },
]) {
  test(`"${message}" gets a question back, not a plan`, async ({ page }) => {
    const chat = new ChatPage(page);
    await chat.open();
    await chat.send(message);
    await expect(chat.assistantMessages).toHaveCount(1);
    const reply = chat.assistantMessages.first();
    await expect(reply.getByTestId("message-text")).toHaveText(question);
    await expect(reply.getByTestId("action-tag")).toHaveCount(0);
    await expect(reply.getByTestId("job-log-panel")).toHaveCount(0);
    await expect(page.getByTestId("open-plan-page")).toHaveCount(0);
  });
}
