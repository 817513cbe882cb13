import { describe, expect, it } from 'vitest'
import { rectBox } from '../../../../src/main/recognition/det/postprocess'
import { holdsApproximately, valueUnderCaption } from '../../../../src/main/recognition/families/foreign-captions'
import type { PageLine } from '../../../../src/main/recognition/passport/page-lines'

/** A line on the rectified page (10 px/mm) starting at `left`, centred at `y`. */
function line(text: string, left: number, y: number, width: number, height = 30): PageLine {
  const box = rectBox({ x: left + width / 2, y }, { x: 1, y: 0 }, width, height, 0.9)
  return { quad: box.quad, box, text, prob: 0.97, line: { text, prob: 0.97, chars: [] } }
}

// The UTOPIA specimen's lower rows as the recogniser read them: captions misread, values indented under them.
const UTOPIA = [
  line('Sexl Sexe', 440, 534, 90, 20),
  line('Place of birth/ Lieu de naissance', 690, 534, 330, 20),
  line('F', 445, 561, 20),
  line('ZENITH', 730, 563, 100),
  line('Date of ssuel Date de delivrance', 440, 596, 300, 20),
  line('Authority Autorte', 870, 595, 220, 20),
  line('16 APR/AVR 07', 450, 627, 200),
  line('PASSPORT OFFICE', 915, 627, 260)
]

describe('values found under their captions', () => {
  it('finds the place of birth and the authority under captions read with a letter wrong', () => {
    expect(valueUnderCaption('birthPlace', UTOPIA)?.line.text).toBe('ZENITH')
    expect(valueUnderCaption('issueAuthority', UTOPIA)?.line.text).toBe('PASSPORT OFFICE')
  })

  it('finds nothing where the page has no such caption', () => {
    expect(valueUnderCaption('issuePlace', UTOPIA)).toBeNull()
  })

  it('takes no value from a line that is itself a caption, nor from a line beside the caption', () => {
    const stacked = [
      line('Place of birth/ Lieu de naissance', 690, 534, 330, 20),
      line("Date of expiry/ Date d'expiration", 690, 562, 300, 20)
    ]
    expect(valueUnderCaption('birthPlace', stacked)).toBeNull()
    const beside = [line('Place of birth', 690, 534, 200, 20), line('ZENITH', 300, 563, 100)]
    expect(valueUnderCaption('birthPlace', beside)).toBeNull()
  })

  it('matches captions in English, French or Spanish, glued as the recogniser reads them', () => {
    const spanish = [line('LUGARDENACIMIENTO/PLACEOFBIRTH', 440, 435, 400, 20), line('SEVILLA', 450, 464, 120)]
    expect(valueUnderCaption('birthPlace', spanish)?.line.text).toBe('SEVILLA')
  })
})

describe('approximate substring matching', () => {
  it('allows the given number of edits anywhere in the text', () => {
    expect(holdsApproximately('authorityautorte', 'autorite', 1)).toBe(true)
    expect(holdsApproximately('dateofssueldatededelivrance', 'dateofissue', 1)).toBe(true)
    expect(holdsApproximately('dateofbirth', 'placeofbirth', 1)).toBe(false)
    expect(holdsApproximately('', 'sex', 0)).toBe(false)
  })
})
