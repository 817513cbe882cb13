import { describe, expect, it } from 'vitest'
import { readMrzText } from '../../../src/main/mrz-reader/mrz-text'
import { thrownCode } from '../helpers/thrown-code'

// ICAO Doc 9303's own specimens (the fictitious state Utopia).
const TD3 = ['P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<', 'L898902C36UTO7408122F1204159ZE184226B<<<<<10']
const TD2 = ['I<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<', 'D231458907UTO7408122F1204159<<<<<<<6']
const TD1 = ['I<UTOD231458907<<<<<<<<<<<<<<<', '7408122F1204159UTO<<<<<<<<<<<6', 'ERIKSSON<<ANNA<MARIA<<<<<<<<<<']

describe('readMrzText', () => {
  it('cuts a read into the lines of a TD3, TD2 or TD1 zone, whatever ends its lines', () => {
    expect(readMrzText(TD3.join('\n'))).toEqual({ format: 'TD3', lines: TD3 })
    expect(readMrzText(`${TD3.join('\r\n')}\r\n`)).toEqual({ format: 'TD3', lines: TD3 })
    expect(readMrzText(`\r${TD3[0]} \r${TD3[1]}\r`)).toEqual({ format: 'TD3', lines: TD3 })
    expect(readMrzText(TD2.join('\n'))).toEqual({ format: 'TD2', lines: TD2 })
    expect(readMrzText(TD1.join('\n'))).toEqual({ format: 'TD1', lines: TD1 })
    // A reader that ends only the zone.
    expect(readMrzText(`${TD3.join('')}\r`)).toEqual({ format: 'TD3', lines: TD3 })
    expect(readMrzText(TD1.join(''))).toEqual({ format: 'TD1', lines: TD1 })
  })

  it('takes a read typed under Caps Lock (lower case) as the MRZ it is', () => {
    expect(readMrzText(TD3.map((l) => l.toLowerCase()).join('\n')).lines).toEqual(TD3)
  })

  it('names the characters a wrong keyboard layout typed, and asks for a new swipe', () => {
    // A German layout types the reader's '<' (Shift+comma on US) as ';', and Z as Y.
    const german = TD3.map((l) => l.replace(/</g, ';')).join('\n')
    expect(thrownCode(() => readMrzText(german))).toMatch(/^MRZ_READ_GARBLED: .*";".*US English.*swipe again/)
    expect(thrownCode(() => readMrzText(TD3.join('\n').replace('<<ANNA', 'ÖÖANNA')))).toMatch(/^MRZ_READ_GARBLED: .*"Ö"/)
  })

  it('refuses one line, a line cut short and lines of mixed shapes', () => {
    expect(thrownCode(() => readMrzText(TD3[0]))).toBe(
      'MRZ_READ_INCOMPLETE: the read has 1 line(s) of 44 characters; an MRZ has 2 × 44 (passport), 2 × 36 or 3 × 30: swipe again'
    )
    expect(thrownCode(() => readMrzText(`${TD3[0]}\n${TD3[1].slice(0, 40)}`))).toMatch(
      /^MRZ_READ_INCOMPLETE: the read has 2 line\(s\) of 44, 40/
    )
    expect(thrownCode(() => readMrzText(`${TD3[0]}\n${TD2[1]}`))).toMatch(/^MRZ_READ_INCOMPLETE/)
    expect(thrownCode(() => readMrzText('\n\n'))).toMatch(/^MRZ_READ_INCOMPLETE: the read has 0 line\(s\)/)
  })
})
