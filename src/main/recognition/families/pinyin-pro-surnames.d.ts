// pinyin-pro ships its surname table (the Hundred Family Surnames, with their readings) without types.
declare module 'pinyin-pro/dist/esm/data/surname.mjs' {
  const surnames: Readonly<Record<string, string>>
  export default surnames
}
