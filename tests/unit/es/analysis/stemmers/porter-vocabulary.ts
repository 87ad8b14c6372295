// Test data: the first 150 words of Martin Porter's test vocabulary for the Porter stemmer (voc.txt) with
// their stems from his output.txt (https://tartarus.org/martin/PorterStemmer/), the files Lucene's
// TestPorterStemFilter runs (porterTestData.zip). Same order in both lists.

export const PORTER_VOC = `a aaron abaissiez abandon abandoned abase abash abate abated abatement abatements abates abbess abbey
abbeys abbominable abbot abbots abbreviated abed abel aberga abergavenny abet abetting abhominable abhor abhorr
abhorred abhorring abhors abhorson abide abides abilities ability abject abjectly abjects abjur abjure able abler
aboard abode aboded abodements aboding abominable abominably abominations abortive abortives abound abounding
about above abr abraham abram abreast abridg abridge abridged abridgment abroach abroad abrogate abrook abrupt
abruption abruptly absence absent absey absolute absolutely absolv absolver abstains abstemious abstinence
abstract absurd absyrtus abundance abundant abundantly abus abuse abused abuser abuses abusing abutting aby abysm
ac academe academes accent accents accept acceptable acceptance accepted accepts access accessary accessible
accidence accident accidental accidentally accidents accite accited accites acclamations accommodate
accommodated accommodation accommodations accommodo accompanied accompany accompanying accomplices accomplish
accomplished accomplishing accomplishment accompt accord accordant accorded accordeth according accordingly
accords accost accosted account accountant accounted accounts accoutred accoutrement accoutrements accrue`

export const PORTER_OUTPUT = `a aaron abaissiez abandon abandon abas abash abat abat abat abat abat abbess abbei
abbei abbomin abbot abbot abbrevi ab abel aberga abergavenni abet abet abhomin abhor abhorr
abhor abhor abhor abhorson abid abid abil abil abject abjectli abject abjur abjur abl abler
aboard abod abod abod abod abomin abomin abomin abort abort abound abound
about abov abr abraham abram abreast abridg abridg abridg abridg abroach abroad abrog abrook abrupt
abrupt abruptli absenc absent absei absolut absolut absolv absolv abstain abstemi abstin
abstract absurd absyrtu abund abund abundantli abu abus abus abus abus abus abut abi abysm
ac academ academ accent accent accept accept accept accept accept access accessari access
accid accid accident accident accid accit accit accit acclam accommod
accommod accommod accommod accommodo accompani accompani accompani accomplic accomplish
accomplish accomplish accomplish accompt accord accord accord accordeth accord accordingli
accord accost accost account account account account accoutr accoutr accoutr accru`
