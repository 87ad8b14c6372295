// The stop word sets of the Danish, Swedish, Norwegian and Finnish analyzers, by Elasticsearch's
// `_<language>_` names, each the set its Lucene 9 analyzer loads by default through
// WordlistLoader.getSnowballWordSet: every word of each line up to its `|` comment, in the file's order, a
// repeated word kept once. Each list is one space-separated string.
// _danish_: DanishAnalyzer.getDefaultStopSet(), Lucene's snowball/danish_stop.txt (from
//   https://snowballstem.org/algorithms/danish/stop.txt, BSD licence).
// _swedish_: SwedishAnalyzer.getDefaultStopSet(), Lucene's snowball/swedish_stop.txt (from
//   https://snowballstem.org/algorithms/swedish/stop.txt, BSD licence).
// _norwegian_: NorwegianAnalyzer.getDefaultStopSet(), Lucene's snowball/norwegian_stop.txt (from
//   https://snowballstem.org/algorithms/norwegian/stop.txt, BSD licence; Bokmål with the Nynorsk-only words).
// _finnish_: FinnishAnalyzer.getDefaultStopSet(), Lucene's snowball/finnish_stop.txt (from
//   https://snowballstem.org/algorithms/finnish/stop.txt, BSD licence): its lines hold whole paradigms, so
//   sinä, ketkä, minkä, minä and sillä occur twice and are kept once.
// Data only: no logic here; stop-words.ts resolves the names.

const words = (list: string): readonly string[] => list.split(' ')

export const DANISH_STOP_WORDS: readonly string[] = words(
  'og i jeg det at en den til er som på de med han af for ikke der var mig sig men et har om vi min ' +
    'havde ham hun nu over da fra du ud sin dem os op man hans hvor eller hvad skal selv her alle vil ' +
    'blev kunne ind når være dog noget ville jo deres efter ned skulle denne end dette mit også under ' +
    'have dig anden hende mine alt meget sit sine vor mod disse hvis din nogle hos blive mange ad ' +
    'bliver hendes været thi jer sådan',
)

export const SWEDISH_STOP_WORDS: readonly string[] = words(
  'och det att i en jag hon som han på den med var sig för så till är men ett om hade de av icke ' +
    'mig du henne då sin nu har inte hans honom skulle hennes där min man ej vid kunde något från ut ' +
    'när efter upp vi dem vara vad över än dig kan sina här ha mot alla under någon eller allt mycket ' +
    'sedan ju denna själv detta åt utan varit hur ingen mitt ni bli blev oss din dessa några deras ' +
    'blir mina samma vilken er sådan vår blivit dess inom mellan sådant varför varje vilka ditt vem ' +
    'vilket sitt sådana vart dina vars vårt våra ert era vilkas',
)

export const NORWEGIAN_STOP_WORDS: readonly string[] = words(
  'og i jeg det at en et den til er som på de med han av ikke ikkje der så var meg seg men ett har ' +
    'om vi min mitt ha hadde hun nå over da ved fra du ut sin dem oss opp man kan hans hvor eller hva ' +
    'skal selv sjøl her alle vil bli ble blei blitt kunne inn når være kom noen noe ville dere deres ' +
    'kun ja etter ned skulle denne for deg si sine sitt mot å meget hvorfor dette disse uten hvordan ' +
    'ingen din ditt blir samme hvilken hvilke sånn inni mellom vår hver hvem vors hvis både bare enn ' +
    'fordi før mange også slik vært båe begge siden dykk dykkar dei deira deires deim di då eg ein ' +
    'eit eitt elles honom hjå ho hoe henne hennar hennes hoss hossen ingi inkje korleis korso kva ' +
    'kvar kvarhelst kven kvi kvifor me medan mi mine mykje no nokon noka nokor noko nokre sia sidan ' +
    'so somt somme um upp vere vore verte vort varte vart',
)

export const FINNISH_STOP_WORDS: readonly string[] = words(
  'olla olen olet on olemme olette ovat ole oli olisi olisit olisin olisimme olisitte olisivat olit ' +
    'olin olimme olitte olivat ollut olleet en et ei emme ette eivät minä minun minut minua minussa ' +
    'minusta minuun minulla minulta minulle sinä sinun sinut sinua sinussa sinusta sinuun sinulla ' +
    'sinulta sinulle hän hänen hänet häntä hänessä hänestä häneen hänellä häneltä hänelle me meidän ' +
    'meidät meitä meissä meistä meihin meillä meiltä meille te teidän teidät teitä teissä teistä ' +
    'teihin teillä teiltä teille he heidän heidät heitä heissä heistä heihin heillä heiltä heille ' +
    'tämä tämän tätä tässä tästä tähän tällä tältä tälle tänä täksi tuo tuon tuota tuossa tuosta ' +
    'tuohon tuolla tuolta tuolle tuona tuoksi se sen sitä siinä siitä siihen sillä siltä sille siksi ' +
    'nämä näiden näitä näissä näistä näihin näillä näiltä näille näinä näiksi nuo noiden noita noissa ' +
    'noista noihin noilla noilta noille noina noiksi ne niiden niitä niissä niistä niihin niillä ' +
    'niiltä niille niinä niiksi kuka kenen kenet ketä kenessä kenestä keneen kenellä keneltä kenelle ' +
    'kenenä keneksi ketkä keiden keitä keissä keistä keihin keillä keiltä keille keinä keiksi mikä ' +
    'minkä mitä missä mistä mihin millä miltä mille miksi mitkä joka jonka jota jossa josta johon ' +
    'jolla jolta jolle jona joksi jotka joiden joita joissa joista joihin joilla joilta joille joina ' +
    'joiksi että ja jos koska kuin mutta niin sekä tai vaan vai vaikka kanssa mukaan noin poikki yli ' +
    'kun nyt itse',
)
