import assert from 'node:assert/strict';
import { CREDIT_CODE_PATTERN, creditCodeCheckCharacter, creditCodeCheckPasses } from '../../src/domain/creditCode';

// Expected check characters, worked by hand from GB 32100-2015 (see STACK-NOTES.md):
//   alphabet 0123456789ABCDEFGHJKLMNPQRTUWXY (0–30; A=10 … H=17, J=18 … N=22, P=23, Q=24, R=25,
//   T=26, U=27, W=28, X=29, Y=30), weights 1,3,9,27,19,26,16,17,20,29,25,13,8,24,10,30,28,
//   check = alphabet[(31 − Σ mod 31) mod 31].
const CHECK_CHARACTERS = [
  {
    first17: '91310110666007217',
    check: 'T',
    // 9·1+1·3+3·9+1·27+0·19+1·26+1·16+0·17+6·20+6·29+6·25+0·13+0·8+7·24+2·10+1·30+7·28 = 966;
    // 966 mod 31 = 5; 31 − 5 = 26 → T (the worked example).
    why: 'the worked example 91310110666007217T',
  },
  {
    first17: '91110108MA0100000',
    check: 'W',
    // 9·1+1·3+1·9+1·27+0·19+1·26+0·16+8·17+M(21)·20+A(10)·29+0·25+1·13 = 933; 933 mod 31 = 3; 28 → W.
    why: 'letters in the body (M, A) and a letter check character',
  },
  {
    first17: '12100000400000624',
    check: 'D',
    // 1·1+2·3+1·9+4·20+6·10+2·30+4·28 = 328; 328 mod 31 = 18; 31 − 18 = 13 → D.
    why: 'a public-institution prefix (12)',
  },
  {
    first17: '00000000000000000',
    check: '0',
    // Σ = 0; 31 − 0 = 31, and 31 maps to 0.
    why: 'a sum divisible by 31 gives 0, not an out-of-range 31st symbol',
  },
  {
    first17: '10000000000000000',
    check: 'Y',
    // Σ = 1; 31 − 1 = 30 → Y, the last symbol.
    why: 'a remainder of 1 gives the last symbol Y',
  },
  {
    first17: 'Y0000000000000000',
    check: '1',
    // Y(30)·1 = 30; 30 mod 31 = 30; 31 − 30 = 1 → 1.
    why: 'Y counts as 30 in the body',
  },
  {
    first17: '0Y000000000000000',
    check: '3',
    // Y(30)·3 = 90; 90 mod 31 = 28; 31 − 28 = 3 → 3.
    why: 'the second position weighs 3',
  },
];

describe('domain/creditCode', () => {
  describe('creditCodeCheckCharacter follows GB 32100-2015', () => {
    for (const { first17, check, why } of CHECK_CHARACTERS) {
      it(`${first17} → ${check} (${why})`, () => {
        assert.equal(creditCodeCheckCharacter(first17), check);
      });
    }
  });

  describe('creditCodeCheckPasses', () => {
    for (const { first17, check } of CHECK_CHARACTERS) {
      it(`passes ${first17}${check}`, () => {
        assert.equal(creditCodeCheckPasses(`${first17}${check}`), true);
      });
    }

    it('passes the worked example 91310110666007217T', () => {
      assert.equal(creditCodeCheckPasses('91310110666007217T'), true);
    });

    for (const wrong of ['91310110666007217A', '91310110666007217Y', '913101106660072170']) {
      it(`fails ${wrong}, a well-formed code with the wrong check character`, () => {
        assert.equal(CREDIT_CODE_PATTERN.test(wrong), true);
        assert.equal(creditCodeCheckPasses(wrong), false);
      });
    }

    it('fails a code whose body changed after the check character was computed', () => {
      assert.equal(creditCodeCheckPasses('91310110666007218T'), false);
    });

    it('fails anything the pattern refuses, even with a matching check character', () => {
      assert.equal(creditCodeCheckPasses('91310110666007217t'), false);
      assert.equal(creditCodeCheckPasses('91310110666007217T0'), false);
    });
  });

  describe('CREDIT_CODE_PATTERN', () => {
    it('accepts 18 characters from 0-9 and A-Y without I, O, S, V, Z', () => {
      assert.equal(CREDIT_CODE_PATTERN.test('91310110666007217T'), true);
      assert.equal(CREDIT_CODE_PATTERN.test('0123456789ABCDEFGH'), true);
      assert.equal(CREDIT_CODE_PATTERN.test('JKLMNPQRTUWXY00000'), true);
    });

    for (const letter of ['I', 'O', 'S', 'V', 'Z']) {
      it(`rejects the letter ${letter}`, () => {
        assert.equal(CREDIT_CODE_PATTERN.test(`91310110666007217${letter}`), false);
        assert.equal(CREDIT_CODE_PATTERN.test(`${letter}1310110666007217T`), false);
      });
    }

    const badShapes = [
      { code: '91310110666007217', why: '17 characters' },
      { code: '91310110666007217T0', why: '19 characters' },
      { code: '', why: 'empty' },
      { code: '91310110666007217t', why: 'a lowercase letter (the schema upper-cases before matching)' },
      { code: '9131011066600721 T', why: 'a space' },
      { code: '91310110666007217Ｔ', why: 'a full-width letter' },
    ];
    for (const { code, why } of badShapes) {
      it(`rejects ${why}: ${JSON.stringify(code)}`, () => {
        assert.equal(CREDIT_CODE_PATTERN.test(code), false);
      });
    }
  });
});
