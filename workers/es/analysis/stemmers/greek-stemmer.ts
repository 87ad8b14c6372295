// Lucene 9's GreekStemmer (org.apache.lucene.analysis.el, after Ntais, "Development of a Stemmer for the Greek
// Language"), behind GreekStemFilter: the `greek` analyzer's stemmer and the `stemmer` filter's "greek".
// Input is expected as GreekLowerCaseFilter leaves it: lower case, no tonos or dialytika, σ for final ς.
// Outline: a word of fewer than 4 chars stays; rules 0..20 each cut a suffix (some then restore part of it
// after an exception stem); when none of them changed the length, rule 21 cuts the first of its long list
// of inflectional endings; rule 22 finally cuts a comparative or superlative ending.
// The word is a buffer and a length, as in Lucene: a cut only shortens the length, so "add back" restores
// the chars still in the buffer, and a few rules write other chars over them. Conditions keep Lucene's
// exact tests, including those where a length check guards only the first of several alternatives.

const VOWELS = new Set([...'αεηιουω'])
const VOWELS_NO_Y = new Set([...'αεηιοω'])

/** The word being stemmed: chars in `buffer`, of which the first `length` count. */
class GreekWord {
  readonly buffer: string[]
  length: number

  constructor(term: string) {
    this.buffer = term.split('')
    this.length = this.buffer.length
  }

  endsWith(suffix: string): boolean {
    if (suffix.length > this.length) return false
    for (let i = 0; i < suffix.length; i++) {
      if (this.buffer[this.length - suffix.length + i] !== suffix.charAt(i)) return false
    }
    return true
  }

  endsWithAny(suffixes: readonly string[]): boolean {
    return suffixes.some((suffix) => this.endsWith(suffix))
  }

  /** Whether the kept word equals one of `stems`. */
  isOneOf(stems: ReadonlySet<string>): boolean {
    return stems.has(this.buffer.slice(0, this.length).join(''))
  }

  endsWithVowel(vowels: ReadonlySet<string> = VOWELS): boolean {
    return this.length > 0 && vowels.has(this.buffer[this.length - 1] ?? '')
  }

  /** Writes `text` over the last text.length kept chars. */
  overwrite(text: string): void {
    text.split('').forEach((char, i) => {
      this.buffer[this.length - text.length + i] = char
    })
  }

  toString(): string {
    return this.buffer.slice(0, this.length).join('')
  }
}

const set = (words: string): ReadonlySet<string> => new Set(words.split(' '))
const list = (words: string): readonly string[] => words.split(' ')

/** Rule 0: the irregular plurals (καθεστωτα, γεγονοτα, κρεατα, φωτα, ...): [min length, endings, cut]. */
const RULE0: readonly (readonly [number, readonly string[], number])[] = [
  [10, list('καθεστωτοσ καθεστωτων'), 4],
  [9, list('γεγονοτοσ γεγονοτων'), 4],
  [9, list('καθεστωτα'), 3],
  [8, list('τατογιου τατογιων'), 4],
  [8, list('γεγονοτα'), 3],
  [8, list('καθεστωσ'), 2],
  [7, list('σκαγιου σκαγιων ολογιου ολογιων κρεατοσ κρεατων περατοσ περατων τερατοσ τερατων'), 4],
  [7, list('τατογια'), 3],
  [7, list('γεγονοσ'), 2],
  [6, list('φαγιου φαγιων σογιου σογιων'), 4],
  [6, list('σκαγια ολογια κρεατα περατα τερατα'), 3],
  [5, list('φαγια σογια φωτοσ φωτων'), 3],
  [5, list('κρεασ περασ τερασ'), 2],
  [4, list('φωτα'), 2],
  [3, list('φωσ'), 1],
]

function rule0(w: GreekWord): void {
  const hit = RULE0.find(([min, endings]) => w.length >= min && w.endsWithAny(endings))
  if (hit) w.length -= hit[2]
}

/** Cuts the first of `endings` that ends the word and is shorter than it; whether one was cut. */
function cut(w: GreekWord, endings: readonly string[]): boolean {
  const ending = endings.find((e) => w.length > e.length && w.endsWith(e))
  if (ending === undefined) return false
  w.length -= ending.length
  return true
}

/** Rules 1..3: -αδεσ/-αδων, -εδεσ/-εδων, -ουδεσ/-ουδων, keeping -αδ/-εδ/-ουδ after (or unless after) some stems. */
function rule1(w: GreekWord): void {
  if (cut(w, list('αδεσ αδων')) && !w.endsWithAny(list('οκ μαμ μαν μπαμπ πατερ γιαγι νταντ κυρ θει πεθερ'))) {
    w.length += 2
  }
}

function rule2(w: GreekWord): void {
  if (cut(w, list('εδεσ εδων')) && w.endsWithAny(list('οπ ιπ εμπ υπ γηπ δαπ κρασπ μιλ'))) w.length += 2
}

function rule3(w: GreekWord): void {
  const stems = list('αρκ καλιακ πεταλ λιχ πλεξ σκ σ φλ φρ βελ λουλ χν σπ τραγ φε')
  if (cut(w, list('ουδεσ ουδων')) && w.endsWithAny(stems)) w.length += 3
}

const EXC4 = set('θ δ ελ γαλ ν π ιδ παρ')

function rule4(w: GreekWord): void {
  if (cut(w, list('εωσ εων')) && w.isOneOf(EXC4)) w.length += 1
}

function rule5(w: GreekWord): void {
  if (cut(w, list('ια')) || cut(w, list('ιου ιων'))) {
    if (w.endsWithVowel()) w.length += 1
  }
}

const EXC6 = set(
  'αλ αδ ενδ αμαν αμμοχαλ ηθ ανηθ αντιδ φυσ βρωμ γερ εξωδ καλπ καλλιν καταδ μουλ μπαν μπαγιατ μπολ μποσ ' +
    'νιτ ξικ συνομηλ πετσ πιτσ πικαντ πλιατσ ποστελν πρωτοδ σερτ συναδ τσαμ υποδ φιλον φυλοδ χασ',
)

function rule6(w: GreekWord): void {
  if (cut(w, list('ικα ικο')) || cut(w, list('ικου ικων'))) {
    if (w.endsWithVowel() || w.isOneOf(EXC6)) w.length += 2
  }
}

const EXC7 = set('αναπ αποθ αποκ αποστ βουβ ξεθ ουλ πεθ πικρ ποτ σιχ χ')

function rule7(w: GreekWord): void {
  if (w.length === 5 && w.endsWith('αγαμε')) {
    w.length -= 1
    return
  }
  if (!cut(w, list('ηθηκαμε')) && !cut(w, list('ουσαμε'))) cut(w, list('αγαμε ησαμε ηκαμε'))
  if (cut(w, list('αμε')) && w.isOneOf(EXC7)) w.length += 2
}

const EXC8A = set('τρ τσ')
const EXC8B = set(
  'βετερ βουλκ βραχμ γ δραδουμ θ καλπουζ καστελ κορμορ λαοπλ μωαμεθ μ μουσουλμ ν ουλ π πελεκ πλ πολισ ' +
    'πορτολ σαρακατσ σουλτ τσαρλατ ορφ τσιγγ τσοπ φωτοστεφ χ ψυχοπλ αγ γαλ γερ δεκ διπλ αμερικαν ουρ πιθ ' +
    'πουριτ σ ζωντ ικ καστ κοπ λιχ λουθηρ μαιντ μελ σιγ σπ στεγ τραγ τσαγ φ ερ αδαπ αθιγγ αμηχ ανικ ανοργ ' +
    'απηγ απιθ ατσιγγ βασ βασκ βαθυγαλ βιομηχ βραχυκ διατ διαφ ενοργ θυσ καπνοβιομηχ καταγαλ κλιβ κοιλαρφ ' +
    'λιβ μεγλοβιομηχ μικροβιομηχ νταβ ξηροκλιβ ολιγοδαμ ολογαλ πενταρφ περηφ περιτρ πλατ πολυδαπ πολυμηχ ' +
    'στεφ ταβ τετ υπερηφ υποκοπ χαμηλοδαπ ψηλοταβ',
)

/** Lucene's `len > n && endsWith(first) || endsWith(rest...)`: only the first ending is length-guarded. */
function cutFirstGuarded(w: GreekWord, endings: readonly string[]): boolean {
  const [first = '', ...rest] = endings
  if ((w.length > first.length && w.endsWith(first)) || w.endsWithAny(rest)) {
    w.length -= first.length
    return true
  }
  return false
}

function rule8(w: GreekWord): void {
  const removed =
    cut(w, list('ιουντανε')) ||
    cutFirstGuarded(w, list('ιοντανε ουντανε ηθηκανε')) ||
    cutFirstGuarded(w, list('ιοτανε οντανε ουσανε')) ||
    cutFirstGuarded(w, list('αγανε ησανε οτανε ηκανε'))
  if (removed && w.isOneOf(EXC8A)) {
    w.length += 4
    w.overwrite('αγαν')
  }
  if (cut(w, list('ανε')) && (w.endsWithVowel(VOWELS_NO_Y) || w.isOneOf(EXC8B))) w.length += 2
}

const EXC9 = set(
  'αβαρ βεν εναρ αβρ αδ αθ αν απλ βαρον ντρ σκ κοπ μπορ νιφ παγ παρακαλ σερπ σκελ συρφ τοκ υ δ εμ θαρρ θ',
)
const ENDS9 = list(
  'οδ αιρ φορ ταθ διαθ σχ ενδ ευρ τιθ υπερθ ραθ ενθ ροθ σθ πυρ αιν συνδ συν συνθ χωρ πον βρ καθ ευθ εκθ ' +
    'νετ ρον αρκ βαρ βολ ωφελ',
)

function rule9(w: GreekWord): void {
  cut(w, list('ησετε'))
  if (cut(w, list('ετε')) && (w.isOneOf(EXC9) || w.endsWithVowel(VOWELS_NO_Y) || w.endsWithAny(ENDS9))) {
    w.length += 2
  }
}

function rule10(w: GreekWord): void {
  if (!cut(w, list('οντασ ωντασ'))) return
  if (w.length === 3 && w.endsWith('αρχ')) {
    w.length += 3
    w.overwrite('οντ')
  }
  if (w.endsWith('κρε')) {
    w.length += 3
    w.overwrite('ωντ')
  }
}

function rule11(w: GreekWord): void {
  if (cut(w, list('ομαστε'))) {
    if (w.length === 2 && w.endsWith('ον')) w.length += 5
  } else if (cut(w, list('ιομαστε'))) {
    if (w.length === 2 && w.endsWith('ον')) {
      w.length += 5
      w.overwrite('ομαστ')
    }
  }
}

const EXC12A = set('π απ συμπ ασυμπ ακαταπ αμεταμφ')
const EXC12B = set('αλ αρ εκτελ ζ μ ξ παρακαλ προ νισ')

function rule12(w: GreekWord): void {
  if (cut(w, list('ιεστε')) && w.isOneOf(EXC12A)) w.length += 4
  if (cut(w, list('εστε')) && w.isOneOf(EXC12B)) w.length += 3
}

const EXC13 = set('διαθ θ παρακαταθ προσθ συνθ')

function rule13(w: GreekWord): void {
  if (!cut(w, list('ηθηκεσ'))) cut(w, list('ηθηκα ηθηκε'))
  const removed = cut(w, list('ηκεσ')) || cut(w, list('ηκα ηκε'))
  if (removed && (w.isOneOf(EXC13) || w.endsWithAny(list('σκωλ σκουλ ναρθ σφ οθ πιθ')))) w.length += 2
}

const EXC14 = set(
  'φαρμακ χαδ αγκ αναρρ βρομ εκλιπ λαμπιδ λεχ μ πατ ρ λ μεδ μεσαζ υποτειν αμ αιθ ανηκ δεσποζ ενδιαφερ δε ' +
    'δευτερευ καθαρευ πλε τσα',
)
const ENDS14 = list('ποδαρ βλεπ πανταχ φρυδ μαντιλ μαλλ κυματ λαχ ληγ φαγ ομ πρωτ')

function rule14(w: GreekWord): void {
  const removed = cut(w, list('ουσεσ')) || cut(w, list('ουσα ουσε'))
  if (removed && (w.isOneOf(EXC14) || w.endsWithVowel() || w.endsWithAny(ENDS14))) w.length += 3
}

const EXC15A = set(
  'αβαστ πολυφ αδηφ παμφ ρ ασπ αφ αμαλ αμαλλι ανυστ απερ ασπαρ αχαρ δερβεν δροσοπ ξεφ νεοπ νομοτ ολοπ ομοτ ' +
    'προστ προσωποπ συμπ συντ τ υποτ χαρ αειπ αιμοστ ανυπ αποτ αρτιπ διατ εν επιτ κροκαλοπ σιδηροπ λ ναυ ' +
    'ουλαμ ουρ π τρ μ',
)
const ENDS15A = list('οφ πελ χορτ λλ σφ ρπ φρ πρ λοχ σμην')
const EXC15B = set('ψοφ ναυλοχ')

function rule15(w: GreekWord): void {
  if (!(cut(w, list('αγεσ')) || cut(w, list('αγα αγε')))) return
  const restore = w.isOneOf(EXC15A) || w.endsWithAny(ENDS15A)
  const keepCut = w.isOneOf(EXC15B) || w.endsWith('κολλ')
  if (restore && !keepCut) w.length += 2
}

const EXC16 = set('ν χερσον δωδεκαν ερημον μεγαλον επταν')

function rule16(w: GreekWord): void {
  const removed = cut(w, list('ησου')) || cut(w, list('ησε ησα'))
  if (removed && w.isOneOf(EXC16)) w.length += 2
}

const EXC17 = set('ασβ σβ αχρ χρ απλ αειμν δυσχρ ευχρ κοινοχρ παλιμψ')

function rule17(w: GreekWord): void {
  if (cut(w, list('ηστε')) && w.isOneOf(EXC17)) w.length += 3
}

const EXC18 = set('ν ρ σπι στραβομουτσ κακομουτσ εξων')

function rule18(w: GreekWord): void {
  const removed = cut(w, list('ησουνε ηθουνε')) || cut(w, list('ουνε'))
  if (removed && w.isOneOf(EXC18)) {
    w.length += 3
    w.overwrite('ουν')
  }
}

const EXC19 = set('παρασουσ φ χ ωριοπλ αζ αλλοσουσ ασουσ')

function rule19(w: GreekWord): void {
  const removed = cut(w, list('ησουμε ηθουμε')) || cut(w, list('ουμε'))
  if (removed && w.isOneOf(EXC19)) {
    w.length += 3
    w.overwrite('ουμ')
  }
}

function rule20(w: GreekWord): void {
  if (w.length > 5 && w.endsWithAny(list('ματων ματοσ'))) w.length -= 3
  else if (w.length > 4 && w.endsWith('ματα')) w.length -= 2
}

/** Rule 21, the long list: the endings by length, longest first; the first that ends the word is cut. */
const RULE21: readonly (readonly string[])[] = [
  list('ιοντουσαν'),
  list('ιομασταν ιοσασταν ιουμαστε οντουσαν'),
  list('ιεμαστε ιεσαστε ιομουνα ιοσαστε ιοσουνα ιουνται ιουνταν ηθηκατε ομασταν οσασταν ουμαστε'),
  list('ιομουν ιονταν ιοσουν ηθειτε ηθηκαν ομουνα οσαστε οσουνα ουνται ουνταν ουσατε'),
  list(
    'αγατε ιεμαι ιεται ιεσαι ιοταν ιουμα ηθεισ ηθουν ηκατε ησατε ησουν ομουν ονται ονταν οσουν ουμαι ουσαν',
  ),
  list('αγαν αμαι ασαι αται ειτε εσαι εται ηδεσ ηδων ηθει ηκαν ησαν ησει ησεσ ομαι οταν'),
  list('αει εισ ηθω ησω ουν ουσ'),
  list('αν ασ αω ει εσ ησ οι οσ ου υσ ων'),
]

function rule21(w: GreekWord): void {
  if (RULE21.some((endings) => cut(w, endings))) return
  if (w.length > 1 && w.endsWithVowel()) w.length -= 1
}

function rule22(w: GreekWord): void {
  if (w.endsWithAny(list('εστερ εστατ'))) w.length -= 5
  else if (w.endsWithAny(list('οτερ οτατ υτερ υτατ ωτερ ωτατ'))) w.length -= 4
}

const SHORT_RULES = [
  rule0,
  rule1,
  rule2,
  rule3,
  rule4,
  rule5,
  rule6,
  rule7,
  rule8,
  rule9,
  rule10,
  rule11,
  rule12,
  rule13,
  rule14,
  rule15,
  rule16,
  rule17,
  rule18,
  rule19,
  rule20,
]

/** The stem of a term as GreekLowerCaseFilter leaves it, as Lucene 9's GreekStemmer computes it. */
export function greekStem(term: string): string {
  const word = new GreekWord(term)
  if (word.length < 4) return term
  const original = word.length
  for (const rule of SHORT_RULES) rule(word)
  if (word.length === original) rule21(word)
  rule22(word)
  return word.toString()
}
