import "server-only";
// Moving home: date and budget, the new place, packing, movers, admin, moving
// day, settling in.
import { ph, type DomainTemplate, type Phase } from "./template.ts";

export const movingTemplate: DomainTemplate = {
  phases: movingPhases,
  note: () => ({
    en: "A move has hard dependencies: the new home and the movers must be booked before packing day.",
    zh: "搬家环环相扣：先落实新住处和搬家公司，再安排打包。",
    ja: "引っ越しは順番が決まっています。荷造りの日までに新居と引っ越し業者を押さえておく必要があります。",
    es: "Una mudanza tiene dependencias fijas: la nueva vivienda y la empresa de mudanzas deben estar reservadas antes del día de empaquetar.",
    fr: "Un déménagement a des dépendances strictes : le nouveau logement et les déménageurs doivent être réservés avant le jour des cartons.",
  }),
};

function movingPhases(): Phase[] {
  return [
    ph(0.5, "Set the moving date and budget | Fix the move date and a budget for movers, deposits and new furniture. || 确定搬家日期与预算 | 确定搬家日期，为搬家公司、押金和新家具做好预算。", [
      "Pick the date | Check your lease end and avoid month-end rush days if you can. || 确定日期 | 对照租约到期日，尽量避开月底高峰。",
      "Estimate costs | Add up movers, deposit, overlap rent and new furniture. || 估算费用 | 汇总搬家费、押金、重叠的房租和新家具。",
    ]),
    ph(1.5, "Secure the new home | Find and sign for a place in {s}, checking the commute, noise and the condition of the flat. || 落实新住处 | 在{s}找到并签下新住处，注意通勤、噪音和房屋状况。", [
      "Shortlist places | Filter by budget, commute time and size. || 筛选房源 | 按预算、通勤时间和面积筛选。",
      "View and inspect | Visit in person and check water pressure, noise and damp. || 实地看房 | 实地查看水压、噪音和潮湿情况。",
      "Sign the lease | Read the contract, photograph the condition and pay the deposit. || 签约 | 仔细阅读合同，拍照记录房屋状况并支付押金。",
    ]),
    ph(1, "Declutter and pack | Sell or donate what you won't take, then pack room by room with labelled boxes. || 断舍离与打包 | 卖掉或捐出不带走的东西，然后按房间打包并给箱子贴标签。", [
      "Declutter | Sell, donate or recycle anything you haven't used in a year. || 断舍离 | 一年没用过的东西卖掉、捐出或回收。",
      "Get boxes and supplies | Buy boxes, tape, markers and bubble wrap. || 准备纸箱和材料 | 买好纸箱、胶带、记号笔和气泡膜。",
      "Pack room by room | Label each box with its room and contents; pack an essentials box last. || 按房间打包 | 每箱标注房间和物品，最后打包一箱必需品。",
    ]),
    ph(0.5, "Book movers or a van | Get 2–3 quotes, book the movers or a van, and reserve parking or the lift if needed. || 预约搬家公司 | 比较2–3家报价，预约搬家公司或货车，必要时预约电梯和车位。", [
      "Get quotes | Ask 2–3 movers for a quote based on your inventory. || 询价 | 按物品清单向2–3家搬家公司询价。",
      "Book the move | Confirm the date, time, price and insurance in writing. || 确认预约 | 书面确认日期、时间、价格和保险。",
      "Arrange access | Reserve the lift and a parking spot at both places. || 安排通道 | 在新旧住处预约电梯和停车位。",
    ]),
    ph(0.5, "Handle the admin | Update your address, transfer utilities and internet, and give notice on the old place. || 办理各项手续 | 更新各处地址，办理水电燃气和宽带迁移，并通知旧房东退租。", [
      "Give notice | Tell your landlord in writing and agree the handover date. || 通知退租 | 书面通知房东并约定交房日期。",
      "Transfer utilities and internet | Book the internet installation early; it often takes longest. || 迁移水电网 | 尽早预约宽带安装，它往往最慢。",
      "Update your address | Update banks, employer, deliveries and official registrations. || 更新地址 | 更新银行、单位、快递和各类登记的地址。",
    ]),
    ph(0.25, "Moving day | Supervise the movers, check nothing is left behind and record the meter readings at both places. || 搬家当天 | 盯好搬运过程，检查有无遗漏，并记录新旧住处的水电表读数。", [
      "Final walk-through | Check every cupboard and photograph the empty flat. || 最后检查 | 检查每个柜子，给空房拍照留证。",
      "Record meter readings | Photograph the meters at both places. || 记录表数 | 给新旧住处的水电表拍照。",
      "Hand over keys | Return the old keys and get the deposit process started. || 交还钥匙 | 交还旧钥匙，启动押金退还流程。",
    ]),
    ph(0.5, "Unpack and settle in | Unpack the essentials first, set up the bedroom and kitchen, and explore the new neighbourhood. || 拆箱与安顿 | 先拆必需品，布置好卧室和厨房，再熟悉新社区。", [
      "Unpack essentials | Bed, toiletries, chargers and basic kitchen things first. || 先拆必需品 | 先整理床品、洗漱用品、充电器和基本厨具。",
      "Set up room by room | Finish one room before starting the next. || 逐个房间整理 | 整理完一间再开始下一间。",
      "Explore the neighbourhood | Find the nearest supermarket, pharmacy and transport stop. || 熟悉周边 | 找到最近的超市、药店和车站。",
    ]),
  ];
}
