import { describe, expect, it } from 'vitest'
import { isoCandidates, readPrintedDate } from '../../../../src/main/recognition/families/foreign-dates'

const read = (text: string): string[] | null => {
  const d = readPrintedDate(text)
  return d ? isoCandidates(d) : null
}

describe('dates as other states print them', () => {
  it('reads a month in words, bilingual or not, with the year in two or four digits', () => {
    // As the recogniser read them on published specimens (UTOPIA, Iceland, Poland).
    expect(read('16 APR/AVR 07')).toEqual(['1907.04.16', '2007.04.16'])
    expect(read('12 AUGUST/AOUT 74')).toEqual(['1974.08.12', '2074.08.12'])
    expect(read('26MAI/MAY99')).toEqual(['1999.05.26', '2099.05.26'])
    expect(read('31DES/DEC66')).toEqual(['1966.12.31', '2066.12.31'])
    expect(read('13LIP/JUL2006')).toEqual(['2006.07.13'])
  })

  it("reads digits the recogniser took for a month word's letters", () => {
    expect(read('07 0CT/0CT 2017')).toEqual(['2017.10.07'])
  })

  it('refuses a bilingual month whose halves disagree, or a month nobody names', () => {
    expect(read('08 MAI/JUN 2019')).toBeNull()
    expect(read('08 XYZ 2019')).toBeNull()
  })

  it('reads all-number dates day first, or year first when the year leads', () => {
    expect(read('04.07.2002')).toEqual(['2002.07.04'])
    expect(read('2004-12.31')).toEqual(['2004.12.31'])
    expect(read('31/12/04')).toEqual(['1904.12.31', '2004.12.31'])
  })

  it('reads numbers whose separators were lost only where one reading is a real date', () => {
    expect(read('25032024')).toEqual(['2024.03.25'])
    expect(read('0209 2023')).toEqual(['2023.09.02'])
    expect(read('20240325')).toEqual(['2024.03.25'])
    // A document number or a personal number is no date.
    expect(read('99003853')).toBeNull()
    expect(read('ZE 184226 B')).toBeNull()
  })

  it('refuses days that do not exist', () => {
    expect(read('31.02.2020')).toBeNull()
    expect(read('29 FEB 2023')).toBeNull()
    expect(read('29 FEB 2024')).toEqual(['2024.02.29'])
  })
})
