import { ScriptConverter } from '../zh/convert.js';

/**
 * The newsroom UI's languages. Traditional Chinese is the default; Simplified is generated
 * from it (below), so each screen writes its strings once.
 */
export const ADMIN_LANGS = ['zh-Hant', 'zh-Hans'] as const;
/** One of {@link ADMIN_LANGS}. */
export type AdminLang = (typeof ADMIN_LANGS)[number];

/** Values put into a message's `{name}` placeholders. */
export type MessageVars = Readonly<Record<string, string | number>>;

/** Looks a key up in one message table, in one language. */
export type Translate<K extends string> = (lang: AdminLang, key: K, vars?: MessageVars) => string;

// One converter for all tables, made on first use (the OpenCC tables behind it are shared process-wide).
let converter: ScriptConverter | undefined;
const toHans = (text: string): string => (converter ??= new ScriptConverter()).text(text, 'zh-Hant', 'zh-Hans');

/**
 * Declares a table of UI strings written in Traditional Chinese and returns its lookup
 * function. The Simplified form of each string is converted once, the first time it is asked
 * for, with the same OpenCC conversion the site uses. Other admin screens declare their own
 * tables the same way (keys need only be unique within a table).
 *
 * @example
 * const t = defineMessages({ title: '媒體庫', count: '共 {n} 項' });
 * t('zh-Hans', 'count', { n: 3 }) // '共 3 项'
 */
export function defineMessages<T extends Record<string, string>>(table: T): Translate<keyof T & string> & { readonly table: T; all(lang: AdminLang): Record<keyof T & string, string> } {
  const hans = new Map<string, string>();
  const raw = (lang: AdminLang, key: string): string => {
    const hant = table[key] ?? key;
    if (lang === 'zh-Hant') return hant;
    let out = hans.get(key);
    if (out === undefined) hans.set(key, (out = toHans(hant)));
    return out;
  };
  const translate = (lang: AdminLang, key: keyof T & string, vars?: MessageVars): string => fill(raw(lang, key), vars);
  return Object.assign(translate, {
    table,
    all: (lang: AdminLang) => Object.fromEntries(Object.keys(table).map((k) => [k, raw(lang, k)])) as Record<keyof T & string, string>,
  });
}

/** Replaces `{name}` placeholders; unknown ones stay visible so that a missing value is noticed. */
export function fill(text: string, vars?: MessageVars): string {
  if (!vars) return text;
  return text.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m));
}

/** The shell's and the core screens' strings (sign-in, articles, editor, review). */
export const core = {
  'app.name': '焦點編輯部',
  'nav.label': '編輯部導覽',
  'nav.articles': '文章',
  'nav.new': '新文章',
  'nav.media': '媒體庫',
  'nav.sections': '欄目',
  'nav.tags': '標籤',
  'nav.users': '用戶',
  'nav.tokens': '令牌',
  'nav.webhooks': 'Webhooks',
  'nav.imports': '導入',
  'nav.settings': '網站設定',
  'nav.audit': '審計日誌',
  'nav.profile': '個人資料',
  'nav.signOut': '登出',
  'nav.site': '查看網站',
  'nav.skip': '跳至主要內容',
  'lang.label': '介面文字',
  'lang.zh-Hant': '繁體',
  'lang.zh-Hans': '简体',
  'role.admin': '管理員',
  'role.editor': '編輯',
  'role.author': '作者',
  'role.contributor': '投稿人',
  'signedInAs': '{name}（{role}）',
  'forbidden.title': '沒有權限',
  'forbidden.body': '你的角色不能使用這個頁面。如需權限，請聯繫管理員。',
  'notFound.title': '找不到',
  'notFound.body': '這篇文章不存在，或已被刪除。',
  'back': '返回',
  'save': '保存',
  'cancel': '取消',
  'close': '關閉',
  'error.generic': '出錯了：{message}',
  'error.network': '無法連接伺服器，請檢查網絡後重試。',
  'error.fields': '請修正標出的欄位。',
  'login.title': '登入',
  'login.email': '電子郵件',
  'login.password': '密碼',
  'login.totp': '驗證碼',
  'login.totpHint': '輸入驗證器應用程式顯示的 6 位數字。',
  'login.submit': '登入',
  'login.continue': '繼續',
  'login.failed': '電子郵件或密碼不正確。',
  'login.totpRequired': '這個帳戶已啟用兩步驗證，請輸入驗證碼。',
  'login.totpInvalid': '驗證碼不正確或已使用過。',
  'login.disabled': '這個帳戶已被停用，請聯繫管理員。',
  'login.rateLimited': '嘗試次數過多，請稍後再試。',
  'login.signedOut': '你已登出。',
  'login.again': '登入已過期，請重新登入。你的編輯內容不會遺失。',
  'profile.title': '個人資料',
  'profile.details': '基本資料',
  'profile.name': '名稱',
  'profile.email': '電子郵件',
  'profile.emailNote': '電子郵件由管理員在「用戶」中修改。',
  'profile.bio': '簡介',
  'profile.saved': '已保存。',
  'profile.password': '更改密碼',
  'profile.currentPassword': '目前密碼',
  'profile.newPassword': '新密碼',
  'profile.passwordHint': '至少 {min} 個字元。更改後，其他裝置上的登入會結束。',
  'profile.passwordChanged': '密碼已更改。',
  'profile.twoFactor': '兩步驗證',
  'profile.twoFactorOn': '兩步驗證已啟用。',
  'profile.twoFactorOff': '兩步驗證未啟用。啟用後，登入時需要輸入驗證器應用程式的驗證碼。',
  'profile.enrol': '設定兩步驗證',
  'profile.enrolHint': '用驗證器應用程式掃描二維碼，或手動輸入密鑰，然後輸入顯示的 6 位驗證碼。',
  'profile.secret': '密鑰',
  'profile.qr': '兩步驗證設定二維碼',
  'profile.confirm': '啟用',
  'profile.disable': '停用兩步驗證',
  'profile.code': '驗證碼',
  'profile.enabled': '兩步驗證已啟用。',
  'profile.disabled': '兩步驗證已停用。',
} as const satisfies Record<string, string>;

/**
 * The lookup for the core strings; other screens import it for the shell's words and declare
 * their own tables with {@link defineMessages}.
 *
 * @example
 * t(lang, 'nav.articles') // '文章' or '文章'
 */
export const t = defineMessages(core);
