import { ref } from 'vue'
import { en } from './en'
import type { MessageKey } from './en'
import { zhCN } from './zh-CN'

export type Locale = 'zh-CN' | 'en'

const messages: Record<Locale, Record<MessageKey, string>> = { 'zh-CN': zhCN, en }

/** The interface language; reactive, so switching re-renders every translated string. */
export const locale = ref<Locale>('zh-CN')

/** A translated string with `{name}` placeholders filled in. */
export function t(key: MessageKey, params: Record<string, string | number> = {}): string {
  return messages[locale.value][key].replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m))
}

export function setLocale(l: Locale): void {
  locale.value = l
  document.documentElement.lang = l
}

export type { MessageKey }
