// The UI's own words, in every language the kiosk speaks. Everything a
// visitor reads comes either from the pack (a `Text`, already complete in
// each pack language) or from this table — never from a literal in a
// component. Adding a language means adding one object below.

import type { Html } from "./bindings/Html";
import type { Text } from "./bindings/Text";

const EN_MONTHS = [
  "January", "February", "March", "April", "May", "June",
  "July", "August", "September", "October", "November", "December",
];
const enDate = (y: number, m: number, d: number) => `${d} ${EN_MONTHS[m - 1]} ${y}`;
const zhDate = (y: number, m: number, d: number) => `${y}年${m}月${d}日`;

const enNumber = new Intl.NumberFormat("en");
const zhNumber = new Intl.NumberFormat("zh-Hans");

const en = {
  languageName: "English",
  /** A count as this language writes it: digits grouped ("100,000"). */
  number: (n: number): string => enNumber.format(n),
  home: "Home",
  back: "Back",
  news: "News",
  parks: "Industrial parks",
  exhibitors: "Exhibitors",
  newsHint: "Latest from the event",
  parksHint: "Parks and their companies",
  exhibitorsHint: "Companies A–Z",
  newsUnit: (n: number): string => (n === 1 ? "article" : "articles"),
  parksUnit: (n: number): string => (n === 1 ? "park" : "parks"),
  exhibitorsUnit: (n: number): string => (n === 1 ? "exhibitor" : "exhibitors"),
  newsCount: (n: number) => (n === 1 ? "1 article" : `${enNumber.format(n)} articles`),
  parksCount: (n: number) => (n === 1 ? "1 park" : `${enNumber.format(n)} parks`),
  exhibitorsCount: (n: number) => (n === 1 ? "1 exhibitor" : `${enNumber.format(n)} exhibitors`),
  hall: "Hall",
  booth: "Booth",
  website: "Website",
  source: "Source",
  colon: ": ",
  figures: "Key figures",
  focus: "Focus",
  park: "Industrial park",
  parkExhibitors: "Exhibitors in this park",
  empty: "Nothing here yet.",
  errorTitle: "This screen is taking a short break",
  errorBody: "Please tap Start again. If this keeps happening, a member of our team will be glad to help.",
  errorNoPack: "The content for this kiosk is being prepared. Please check back in a moment.",
  errorNotFound: "This item is no longer available.",
  tryAgain: "Start again",
  search: "Search",
  searchHint: "Exhibitors, parks and news",
  searchPrompt: "Type a name with the keys below",
  searchNone: (query: string) => `Nothing matches “${query}”`,
  searchedInstead: (typed: string, instead: string) => `Nothing matches “${typed}”: showing results for “${instead}”`,
  browseAll: "Browse all exhibitors A–Z",
  searchSuggest: "Or look through a category:",
  searchFailed: "Search is not available right now.",
  resultsCount: (n: number) => (n === 1 ? "1 result" : `${enNumber.format(n)} results`),
  keySpace: "Space",
  keyBackspace: "Delete",
  keyClear: "Clear",
  kindNews: "News",
  kindPark: "Industrial park",
  kindExhibitor: "Exhibitor",
  kindSession: "Session",
  kindSpeaker: "Speaker",
  speakerSessions: "Speaking at",
  takeAway: "Scan to take it with you",
  qrContact: (name: string) => `${name}: a contact card for your phone`,
  qrLink: "The original article, on your phone",
  touchToStart: "Touch to start",
  preview: "Preview",
  pinyinHint: "Type pinyin to see Chinese names",
  packVersion: (version: number) => `version ${version}`,
  slideOpen: "Tap here for more",
  access: "Accessibility",
  largeText: "Larger text",
  highContrast: "High contrast",
  reach: "Within reach",
  largeTextHint: "Everything a quarter bigger",
  highContrastHint: "Black, white and yellow",
  reachHint: "All controls low on the screen",
  done: "Done",
  agenda: "Agenda",
  agendaHint: "Talks and forums, day by day",
  sessionsUnit: (n: number): string => (n === 1 ? "session" : "sessions"),
  sessionsCount: (n: number) => (n === 1 ? "1 session" : `${enNumber.format(n)} sessions`),
  map: "Venue map",
  mapHint: "Halls and stands",
  hallsUnit: (n: number): string => (n === 1 ? "hall" : "halls"),
  now: "Now",
  next: "Next",
  place: "Where",
  track: "Track",
  speakers: "Speakers",
  atExhibitor: "Exhibitor page",
  qrCalendar: (title: string) => `${title}: an entry for your phone's calendar`,
  youAreHere: "You are here",
  showOnMap: "Show on map",
  resetView: "Reset view",
  mapHelp: "Pinch to zoom, drag to move, tap a stand",
  standExhibitors: (hall: string, stand: string) => `${hall} · Booth ${stand}`,
  allCategories: "All categories",
  allHalls: "All halls",
  showing: "Showing",
  clearFilter: (what: string) => `Show all again, not only ${what}`,
  dayLabel: (m: number, d: number) => `${d} ${EN_MONTHS[m - 1]}`,
  date: enDate,
  dateRange: (a: YMD, b: YMD) =>
    a.y === b.y && a.m === b.m
      ? `${a.d}–${b.d} ${EN_MONTHS[a.m - 1]} ${a.y}`
      : a.y === b.y
        ? `${a.d} ${EN_MONTHS[a.m - 1]} – ${b.d} ${EN_MONTHS[b.m - 1]} ${a.y}`
        : `${enDate(a.y, a.m, a.d)} – ${enDate(b.y, b.m, b.d)}`,
};

type Strings = typeof en;

const zh: Strings = {
  number: (n) => zhNumber.format(n),
  languageName: "中文",
  home: "首页",
  back: "返回",
  news: "新闻资讯",
  parks: "产业园区",
  exhibitors: "参展企业",
  newsHint: "活动最新动态",
  parksHint: "园区与入驻企业",
  exhibitorsHint: "企业名录 A–Z",
  newsUnit: () => "篇",
  parksUnit: () => "个园区",
  exhibitorsUnit: () => "家企业",
  newsCount: (n) => `${zhNumber.format(n)} 篇`,
  parksCount: (n) => `${zhNumber.format(n)} 个园区`,
  exhibitorsCount: (n) => `${zhNumber.format(n)} 家企业`,
  hall: "展馆",
  booth: "展位",
  website: "网址",
  source: "来源",
  colon: "：",
  figures: "关键数据",
  focus: "重点领域",
  park: "所属园区",
  parkExhibitors: "园区参展企业",
  empty: "暂无内容。",
  errorTitle: "页面暂时无法显示",
  errorBody: "请点击“重新开始”。如问题持续，欢迎咨询现场工作人员。",
  errorNoPack: "展示内容正在准备中，请稍后再来。",
  errorNotFound: "该内容已下线。",
  tryAgain: "重新开始",
  search: "搜索",
  searchHint: "展商、园区与新闻",
  searchPrompt: "请用下方按键输入名称",
  searchNone: (query) => `没有与“${query}”相符的内容`,
  searchedInstead: (typed, instead) => `没有与“${typed}”相符的内容，以下是“${instead}”的结果`,
  browseAll: "按 A–Z 浏览全部参展企业",
  searchSuggest: "或按类别查看：",
  searchFailed: "搜索暂不可用。",
  resultsCount: (n) => `${zhNumber.format(n)} 条结果`,
  keySpace: "空格",
  keyBackspace: "删除",
  keyClear: "清空",
  kindNews: "新闻",
  kindPark: "产业园区",
  kindExhibitor: "参展企业",
  kindSession: "会议",
  kindSpeaker: "演讲嘉宾",
  speakerSessions: "演讲场次",
  takeAway: "扫码带走",
  qrContact: (name) => `${name}：存入手机通讯录的电子名片`,
  qrLink: "在手机上打开原文",
  touchToStart: "触摸开始",
  preview: "预览",
  pinyinHint: "输入拼音，选择中文名称",
  packVersion: (version: number) => `第 ${version} 版`,
  slideOpen: "点此了解详情",
  access: "无障碍",
  largeText: "大字体",
  highContrast: "高对比度",
  reach: "低位操作",
  largeTextHint: "文字放大四分之一",
  highContrastHint: "黑、白、黄三色",
  reachHint: "所有按钮移到屏幕下方",
  done: "完成",
  agenda: "会议日程",
  agendaHint: "论坛与演讲，按日浏览",
  sessionsUnit: () => "场",
  sessionsCount: (n) => `${zhNumber.format(n)} 场`,
  map: "场馆地图",
  mapHint: "展馆与展位",
  hallsUnit: () => "个展馆",
  now: "进行中",
  next: "即将开始",
  place: "地点",
  track: "专题",
  speakers: "演讲嘉宾",
  atExhibitor: "展商页面",
  qrCalendar: (title) => `${title}：存入手机日历`,
  youAreHere: "您在这里",
  showOnMap: "在地图上查看",
  resetView: "复原视图",
  mapHelp: "双指缩放，单指拖动，点击展位",
  standExhibitors: (hall, stand) => `${hall} · 展位 ${stand}`,
  allCategories: "全部类别",
  allHalls: "全部展馆",
  showing: "正在显示",
  clearFilter: (what) => `不再只显示${what}`,
  dayLabel: (m, d) => `${m}月${d}日`,
  date: zhDate,
  dateRange: (a, b) =>
    a.y === b.y && a.m === b.m
      ? `${a.y}年${a.m}月${a.d}日–${b.d}日`
      : a.y === b.y
        ? `${a.y}年${a.m}月${a.d}日–${b.m}月${b.d}日`
        : `${zhDate(a.y, a.m, a.d)}–${zhDate(b.y, b.m, b.d)}`,
};

const tables: Record<string, Strings> = { zh, en };

/** The languages this table covers, in the order of a kiosk without a pack. */
export const uiLanguages = Object.keys(tables);

/** The UI's words in `lang`; English for a pack language the table lacks. */
export function strings(lang: string): Strings {
  return tables[lang] ?? en;
}

/** A pack `Text` (or `Html`) in `lang`. The core fills every pack language
 * at import, so there is nothing to fall back to here. */
export function tr(value: Text | Html | null | undefined, lang: string): string {
  return value?.[lang] ?? "";
}

/** The value for `<html lang>`: BCP 47, with the script for Chinese so the
 * browser picks Simplified glyphs. */
export function htmlLang(lang: string): string {
  return lang === "zh" ? "zh-Hans" : lang;
}

export type YMD = { y: number; m: number; d: number };

/** `YYYY-MM-DD` or an RFC 3339 time → its calendar date, as written. */
export function parseDate(value: string): YMD | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
  if (!match) return null;
  return { y: Number(match[1]), m: Number(match[2]), d: Number(match[3]) };
}

export function formatDate(value: string, lang: string): string {
  const date = parseDate(value);
  return date ? strings(lang).date(date.y, date.m, date.d) : value;
}

export function formatDateRange(start: string, end: string, lang: string): string {
  const a = parseDate(start);
  const b = parseDate(end);
  if (!a || !b) return `${start} – ${end}`;
  if (a.y === b.y && a.m === b.m && a.d === b.d) return strings(lang).date(a.y, a.m, a.d);
  return strings(lang).dateRange(a, b);
}
