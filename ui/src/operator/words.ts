// The operator panel's own words, in Chinese and English, one object per
// language as in the visitor UI's table (`lib/i18n.ts`): components never
// hold a literal. Pack titles and ids come from the core as they are.

import type { ImportOutcome } from "../lib/bindings/ImportOutcome";
import type { Part } from "../lib/bindings/Part";
import type { Signer } from "../lib/bindings/Signer";
import type { Text } from "../lib/bindings/Text";

const enNumber = new Intl.NumberFormat("en");
const zhNumber = new Intl.NumberFormat("zh-Hans");

/** Bytes as a person reads them (1 decimal, binary units). */
function bytes(n: number, format: Intl.NumberFormat): string {
  const units = ["B", "KiB", "MiB", "GiB", "TiB"];
  let value = n;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${format.format(Math.round(value * 10) / 10)} ${units[unit]}`;
}

const en = {
  languageName: "English",
  number: (n: number): string => enNumber.format(n),
  bytes: (n: number): string => bytes(n, enNumber),
  title: "Operator panel",
  close: "Close",
  // PIN pad
  pinPrompt: "Enter the operator PIN",
  pinUnset: "No PIN is set on this kiosk. Set one with: pavilion operator pin",
  pinWrong: (left: number) =>
    left === 1 ? "Wrong PIN. 1 try left before a lock." : `Wrong PIN. ${enNumber.format(left)} tries left before a lock.`,
  pinLocked: (seconds: number) => `Locked for ${enNumber.format(seconds)} s`,
  clear: "Clear",
  enter: "Enter",
  digitsTyped: (n: number) => (n === 1 ? "1 digit typed" : `${enNumber.format(n)} digits typed`),
  sessionEnded: "The session ended. Enter the PIN again.",
  // tabs
  live: "Live pack",
  kept: "Kept packs",
  history: "History",
  waiting: "Waiting packs",
  health: "Health",
  settings: "Settings",
  staged: "Staged pack",
  statistics: "Statistics",
  // live pack
  packId: "Pack",
  version: "Version",
  packTitle: "Title",
  signer: "Signed by",
  unsigned: "unsigned",
  bundled: "the bundled demo",
  keyId: (id: string) => `key ${id}`,
  importedAt: "Imported",
  counts: "Contents",
  countNews: "news",
  countParks: "parks",
  countExhibitors: "exhibitors",
  countSessions: "sessions",
  countHalls: "halls",
  noLive: "No pack is live.",
  // kept
  rollBack: "Roll back",
  rollbackStep: (n: number) => (n === 1 ? "1 rollback away" : `${enNumber.format(n)} rollbacks away`),
  notReached: "not reached by rollback",
  confirmRollback: (pack: string, version: number) => `Make ${pack} version ${version} live again?`,
  confirmRollbackBody: "Visitors see it at once. The live pack is kept and can be made live again.",
  cancel: "Cancel",
  rolledBack: (pack: string, version: number) => `${pack} version ${version} is live.`,
  noKept: "No packs are kept.",
  // history
  outcome: {
    live: "Imported, live",
    refused: "Refused",
    failed: "Failed",
    rolled_back: "Rolled back",
    staged: "Imported, staged",
    made_live: "Made live",
  } satisfies Record<ImportOutcome, string> as Record<ImportOutcome, string>,
  noHistory: "Nothing imported yet.",
  // waiting
  state: { waiting: "Waiting", refused: "Refused", imported: "Imported" } as Record<string, string>,
  unreadable: "not readable",
  noWaiting: "No packs in the watched folders.",
  // health
  freeDisk: "Free disk (data folder)",
  memory: "Memory available",
  memoryOf: (available: string, total: string) => `${available} of ${total}`,
  uptime: "Running for",
  duration: (seconds: number) => {
    const d = Math.floor(seconds / 86400);
    const h = Math.floor((seconds % 86400) / 3600);
    const m = Math.floor((seconds % 3600) / 60);
    return d > 0 ? `${d} d ${h} h ${m} min` : h > 0 ? `${h} h ${m} min` : `${m} min`;
  },
  screen: "Screen",
  screenSize: (w: number, h: number, scale: number) => `${w} × ${h} px, scale ${scale}`,
  compositing: "Compositing",
  on: "on",
  off: "off",
  appVersion: "App version",
  unknown: "unknown",
  lockouts: "PIN lock-outs",
  lockout: (at: string, seconds: number) => `${at}: locked for ${enNumber.format(seconds)} s`,
  noLockouts: "None.",
  // settings
  idleSeconds: "Idle time (seconds)",
  less: "Less",
  more: "More",
  spot: "This kiosk's spot",
  noSpot: "None",
  defaultLanguage: "Language visits start in",
  packFirst: "The pack's first",
  goLive: "New packs",
  goLiveAuto: "Go live at once",
  goLiveConfirm: "Wait for an operator",
  statsQueries: "Keep search words in statistics",
  save: "Save",
  saved: "Saved. The kiosk uses these settings now.",
  // staged
  stagedIntro: (pack: string, version: number) => `${pack} version ${version} is imported and waits to be made live.`,
  diffManifest: "Pack",
  added: "Added",
  removed: "Removed",
  changed: "Changed",
  unchanged: (n: number) => `${enNumber.format(n)} unchanged`,
  media: "Media files",
  nothingChanged: "Nothing changed.",
  parts: {
    event: "Event",
    categories: "Categories",
    news: "News",
    parks: "Parks",
    exhibitors: "Exhibitors",
    sessions: "Sessions",
    speakers: "Speakers",
    halls: "Halls",
    stands: "Stands",
    spots: "Spots",
    slides: "Slides",
  } satisfies Record<Part, string> as Record<Part, string>,
  browse: "Browse",
  makeLive: "Make live",
  confirmMakeLive: (pack: string, version: number) => `Make ${pack} version ${version} live?`,
  confirmMakeLiveBody: "Visitors see it at once. The pack live now is kept for rollback.",
  madeLive: (pack: string, version: number) => `${pack} version ${version} is live.`,
  // statistics
  visits: "Visits",
  visitsPerHour: "Visits per hour",
  averageVisit: "Average visit",
  seconds: (n: number) => `${enNumber.format(n)} s`,
  topExhibitors: "Most viewed exhibitors",
  topSearches: "Top searches",
  searches: "Searches",
  zeroHitSearches: "Searches that found nothing",
  hiddenQuery: "(search words not kept)",
  noStats: "Nothing counted yet.",
  searchesCount: (n: number, zero: number) =>
    `${enNumber.format(n)} searches, ${enNumber.format(zero)} found nothing`,
  export: "Export",
  exportTo: "Write the CSV and the HTML report to:",
  noTargets: "No watched folder or stick to write to.",
  written: (paths: string[]) => `Written to ${paths.join(" and ")}`,
  preparing: "Preparing the report…",
  failed: (message: string) => `Failed: ${message}`,
};

type Words = typeof en;

const zh: Words = {
  languageName: "中文",
  number: (n) => zhNumber.format(n),
  bytes: (n) => bytes(n, zhNumber),
  title: "管理面板",
  close: "关闭",
  pinPrompt: "请输入管理员密码",
  pinUnset: "本机尚未设置密码。请用 pavilion operator pin 设置。",
  pinWrong: (left) => `密码错误。再错 ${zhNumber.format(left)} 次将被锁定。`,
  pinLocked: (seconds) => `已锁定 ${zhNumber.format(seconds)} 秒`,
  clear: "清除",
  enter: "确认",
  digitsTyped: (n) => `已输入 ${zhNumber.format(n)} 位`,
  sessionEnded: "会话已结束，请重新输入密码。",
  live: "当前内容包",
  kept: "保留的内容包",
  history: "历史记录",
  waiting: "待导入的内容包",
  health: "运行状态",
  settings: "设置",
  staged: "待上线的内容包",
  statistics: "统计",
  packId: "内容包",
  version: "版本",
  packTitle: "标题",
  signer: "签名",
  unsigned: "未签名",
  bundled: "内置演示",
  keyId: (id) => `密钥 ${id}`,
  importedAt: "导入时间",
  counts: "内容",
  countNews: "篇新闻",
  countParks: "个园区",
  countExhibitors: "家企业",
  countSessions: "场会议",
  countHalls: "个展馆",
  noLive: "没有正在使用的内容包。",
  rollBack: "回滚",
  rollbackStep: (n) => `回滚 ${zhNumber.format(n)} 步`,
  notReached: "无法通过回滚到达",
  confirmRollback: (pack, version) => `重新启用 ${pack} 第 ${version} 版？`,
  confirmRollbackBody: "观众将立即看到它。当前内容包会被保留，可再次启用。",
  cancel: "取消",
  rolledBack: (pack, version) => `${pack} 第 ${version} 版已上线。`,
  noKept: "没有保留的内容包。",
  outcome: { live: "已导入并上线", refused: "被拒绝", failed: "失败", rolled_back: "已回滚", staged: "已导入，待上线", made_live: "已上线" },
  noHistory: "尚未导入任何内容包。",
  state: { waiting: "等待中", refused: "被拒绝", imported: "已导入" },
  unreadable: "无法读取",
  noWaiting: "监视的文件夹中没有内容包。",
  freeDisk: "可用磁盘（数据文件夹）",
  memory: "可用内存",
  memoryOf: (available, total) => `${available} / ${total}`,
  uptime: "已运行",
  duration: (seconds) => {
    const d = Math.floor(seconds / 86400);
    const h = Math.floor((seconds % 86400) / 3600);
    const m = Math.floor((seconds % 3600) / 60);
    return d > 0 ? `${d} 天 ${h} 小时 ${m} 分` : h > 0 ? `${h} 小时 ${m} 分` : `${m} 分`;
  },
  screen: "屏幕",
  screenSize: (w, h, scale) => `${w} × ${h} 像素，缩放 ${scale}`,
  compositing: "合成渲染",
  on: "开",
  off: "关",
  appVersion: "程序版本",
  unknown: "未知",
  lockouts: "密码锁定记录",
  lockout: (at, seconds) => `${at}：锁定 ${zhNumber.format(seconds)} 秒`,
  noLockouts: "无。",
  idleSeconds: "闲置时间（秒）",
  less: "减少",
  more: "增加",
  spot: "本机位置",
  noSpot: "未设置",
  defaultLanguage: "访问开始时的语言",
  packFirst: "内容包的第一语言",
  goLive: "新内容包",
  goLiveAuto: "立即上线",
  goLiveConfirm: "等待管理员确认",
  statsQueries: "统计中保留搜索词",
  save: "保存",
  saved: "已保存，本机已按新设置运行。",
  stagedIntro: (pack, version) => `${pack} 第 ${version} 版已导入，等待上线。`,
  diffManifest: "内容包",
  added: "新增",
  removed: "删除",
  changed: "修改",
  unchanged: (n) => `${zhNumber.format(n)} 项未变`,
  media: "媒体文件",
  nothingChanged: "没有变化。",
  parts: {
    event: "活动",
    categories: "类别",
    news: "新闻",
    parks: "园区",
    exhibitors: "参展企业",
    sessions: "会议",
    speakers: "演讲嘉宾",
    halls: "展馆",
    stands: "展位",
    spots: "地点",
    slides: "轮播页",
  },
  browse: "浏览",
  makeLive: "上线",
  confirmMakeLive: (pack, version) => `让 ${pack} 第 ${version} 版上线？`,
  confirmMakeLiveBody: "观众将立即看到它。当前内容包会被保留以便回滚。",
  madeLive: (pack, version) => `${pack} 第 ${version} 版已上线。`,
  visits: "访问次数",
  visitsPerHour: "每小时访问次数",
  averageVisit: "平均访问时长",
  seconds: (n) => `${zhNumber.format(n)} 秒`,
  topExhibitors: "浏览最多的企业",
  topSearches: "热门搜索",
  searches: "搜索",
  zeroHitSearches: "无结果的搜索",
  hiddenQuery: "（未保留搜索词）",
  noStats: "尚无统计数据。",
  searchesCount: (n, zero) => `共 ${zhNumber.format(n)} 次搜索，其中 ${zhNumber.format(zero)} 次无结果`,
  export: "导出",
  exportTo: "将 CSV 和 HTML 报告写入：",
  noTargets: "没有可写入的监视文件夹或 U 盘。",
  written: (paths) => `已写入 ${paths.join(" 和 ")}`,
  preparing: "正在准备报告……",
  failed: (message) => `失败：${message}`,
};

const tables: Record<string, Words> = { zh, en };

/** The languages the panel speaks, in the order its toggle steps through. */
export const panelLanguages = Object.keys(tables);

/** The panel's words in `lang`; English for any other language. */
export function words(lang: string): Words {
  return tables[lang] ?? en;
}

/** Who signed a pack, in the panel's words. */
export function signedBy(signer: Signer | null, w: Words): string {
  if (signer === null || signer.kind === "unsigned") return w.unsigned;
  return signer.kind === "bundled" ? w.bundled : w.keyId(signer.id);
}

/** An RFC 3339 time as the kiosk's clock shows it: `YYYY-MM-DD HH:MM`. */
export function moment(at: string): string {
  const date = new Date(at);
  if (Number.isNaN(date.getTime())) return at;
  const two = (n: number) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${two(date.getMonth() + 1)}-${two(date.getDate())} ${two(date.getHours())}:${two(date.getMinutes())}`;
}

/** A pack `Text` in the panel's language, else in the pack's first. */
export function inLanguage(text: Text, lang: string): string {
  return text[lang] ?? Object.values(text)[0] ?? "";
}

/** A pack as the lists name it: `waic-2021 · Version 3`, either part
 * left out when not known. */
export function packName(pack: string | null, version: number | null, w: Words): string {
  return [pack ?? w.unreadable, version === null ? null : `${w.version} ${version}`].filter((part) => part !== null).join(" · ");
}
