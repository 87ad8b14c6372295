// The stop word sets of the analyzers over Lucene's light stemmers (czech, latvian, bulgarian, indonesian), by
// Elasticsearch's `_<language>_` names, each the set its Lucene 9 analyzer loads by default: the non-comment
// lines of the file, trimmed, in its order, a repeated word kept once. Each list is one space-separated string.
// _czech_: CzechAnalyzer.getDefaultStopSet(), Lucene's cz/stopwords.txt.
// _latvian_: LatvianAnalyzer.getDefaultStopSet(), Lucene's lv/stopwords.txt (from Kreslins's thesis, refined).
// _bulgarian_: BulgarianAnalyzer.getDefaultStopSet(), Lucene's bg/stopwords.txt (Jacques Savoy, BSD licence).
// _indonesian_: IndonesianAnalyzer.getDefaultStopSet(), Lucene's id/stopwords.txt (appendix D of Tala's study).
// Data only: no logic here; stop-words.ts resolves the names.

const words = (list: string): readonly string[] => list.split(' ')

export const CZECH_STOP_WORDS: readonly string[] = words(
  'a s k o i u v z dnes cz tímto budeš budem byli jseš můj svým ta tomto tohle ' +
    'tuto tyto jej zda proč máte tata kam tohoto kdo kteří mi nám tom tomuto mít nic ' +
    'proto kterou byla toho protože asi ho naši napište re což tím takže svých její ' +
    'svými jste aj tu tedy teto bylo kde ke pravé ji nad nejsou či pod téma mezi ' +
    'přes ty pak vám ani když však neg jsem tento článku články aby jsme před pta ' +
    'jejich byl ještě až bez také pouze první vaše která nás nový tipy pokud může ' +
    'strana jeho své jiné zprávy nové není vás jen podle zde už být více bude již ' +
    'než který by které co nebo ten tak má při od po jsou jak další ale si se ve to ' +
    'jako za zpět ze do pro je na atd atp jakmile přičemž já on ona ono oni ony my ' +
    'vy jí mě mne jemu tomu těm těmu němu němuž jehož jíž jelikož jež jakož načež',
)

export const LATVIAN_STOP_WORDS: readonly string[] = words(
  'aiz ap ar apakš ārpus augšpus bez caur dēļ gar iekš iz kopš labad lejpus līdz ' +
    'no otrpus pa par pār pēc pie pirms pret priekš starp šaipus uz viņpus virs ' +
    'virspus zem apakšpus un bet jo ja ka lai tomēr tikko turpretī arī kaut gan ' +
    'tādēļ tā ne tikvien vien kā ir te vai kamēr diezin droši diemžēl nebūt ik it ' +
    'taču nu pat tiklab iekšpus nedz tik nevis turpretim jeb iekam iekām iekāms ' +
    'kolīdz līdzko tiklīdz jebšu tālab tāpēc nekā itin jā jau jel nē nezin tad tikai ' +
    'vis tak iekams būt biju biji bija bijām bijāt esmu esi esam esat būšu būsi būs ' +
    'būsim būsiet tikt tiku tiki tika tikām tikāt tieku tiec tiek tiekam tiekat ' +
    'tikšu tiks tiksim tiksiet tapt tapi tapāt topat tapšu tapsi taps tapsim tapsiet ' +
    'kļūt kļuvu kļuvi kļuva kļuvām kļuvāt kļūstu kļūsti kļūst kļūstam kļūstat kļūšu ' +
    'kļūsi kļūs kļūsim kļūsiet varēt varēju varējām varēšu varēsim var varēji ' +
    'varējāt varēsi varēsiet varat varēja varēs',
)

export const BULGARIAN_STOP_WORDS: readonly string[] = words(
  'а аз ако ала бе без беше би бил била били било близо бъдат бъде бяха в вас ваш ' +
    'ваша вероятно вече взема ви вие винаги все всеки всички всичко всяка във ' +
    'въпреки върху г ги главно го д да дали до докато докога дори досега доста е ' +
    'едва един ето за зад заедно заради засега затова защо защото и из или им има ' +
    'имат иска й каза как каква какво както какъв като кога когато което които кой ' +
    'който колко която къде където към ли м ме между мен ми мнозина мога могат може ' +
    'моля момента му н на над назад най направи напред например нас не него нея ни ' +
    'ние никой нито но някои някой няма обаче около освен особено от отгоре отново ' +
    'още пак по повече повечето под поне поради после почти прави пред преди през ' +
    'при пък първо с са само се сега си скоро след сме според сред срещу сте съм със ' +
    'също т тази така такива такъв там твой те тези ти тн то това тогава този той ' +
    'толкова точно трябва тук тъй тя тях у харесва ч че често чрез ще щом я',
)

export const INDONESIAN_STOP_WORDS: readonly string[] = words(
  'ada adanya adalah adapun agak agaknya agar akan akankah akhirnya aku akulah ' +
    'amat amatlah anda andalah antar diantaranya antara antaranya diantara apa apaan ' +
    'mengapa apabila apakah apalagi apatah atau ataukah ataupun bagai bagaikan ' +
    'sebagai sebagainya bagaimana bagaimanapun sebagaimana bagaimanakah bagi bahkan ' +
    'bahwa bahwasanya sebaliknya banyak sebanyak beberapa seberapa begini beginian ' +
    'beginikah beginilah sebegini begitu begitukah begitulah begitupun sebegitu ' +
    'belum belumlah sebelum sebelumnya sebenarnya berapa berapakah berapalah ' +
    'berapapun betulkah sebetulnya biasa biasanya bila bilakah bisa bisakah ' +
    'sebisanya boleh bolehkah bolehlah buat bukan bukankah bukanlah bukannya cuma ' +
    'percuma dahulu dalam dan dapat dari daripada dekat demi demikian demikianlah ' +
    'sedemikian dengan depan di dia dialah dini diri dirinya terdiri dong dulu ' +
    'enggak enggaknya entah entahlah terhadap terhadapnya hal hampir hanya hanyalah ' +
    'harus haruslah harusnya seharusnya hendak hendaklah hendaknya hingga sehingga ' +
    'ia ialah ibarat ingin inginkah inginkan ini inikah inilah itu itukah itulah ' +
    'jangan jangankan janganlah jika jikalau juga justru kala kalau kalaulah ' +
    'kalaupun kalian kami kamilah kamu kamulah kan kapan kapankah kapanpun ' +
    'dikarenakan karena karenanya ke kecil kemudian kenapa kepada kepadanya ketika ' +
    'seketika khususnya kini kinilah kiranya sekiranya kita kitalah kok lagi lagian ' +
    'selagi lah lain lainnya melainkan selaku lalu melalui terlalu lama lamanya ' +
    'selama selamanya lebih terlebih bermacam macam semacam maka makanya makin malah ' +
    'malahan mampu mampukah mana manakala manalagi masih masihkah semasih masing mau ' +
    'maupun semaunya memang mereka merekalah meski meskipun semula mungkin ' +
    'mungkinkah nah namun nanti nantinya nyaris oleh olehnya seorang seseorang pada ' +
    'padanya padahal paling sepanjang pantas sepantasnya sepantasnyalah para pasti ' +
    'pastilah per pernah pula pun merupakan rupanya serupa saat saatnya sesaat saja ' +
    'sajalah saling bersama sama sesama sambil sampai sana sangat sangatlah saya ' +
    'sayalah se sebab sebabnya sebuah tersebut tersebutlah sedang sedangkan sedikit ' +
    'sedikitnya segala segalanya segera sesegera sejak sejenak sekali sekalian ' +
    'sekalipun sesekali sekaligus sekarang sekitar sekitarnya sela selain selalu ' +
    'seluruh seluruhnya semakin sementara sempat semua semuanya sendiri sendirinya ' +
    'seolah seperti sepertinya sering seringnya serta siapa siapakah siapapun disini ' +
    'disinilah sini sinilah sesuatu sesuatunya suatu sesudah sesudahnya sudah ' +
    'sudahkah sudahlah supaya tadi tadinya tak tanpa setelah telah tentang tentu ' +
    'tentulah tentunya tertentu seterusnya tapi tetapi setiap tiap setidaknya tidak ' +
    'tidakkah tidaklah toh waduh wah wahai sewaktu walau walaupun wong yaitu yakni ' +
    'yang',
)
