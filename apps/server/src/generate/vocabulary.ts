// The words the synthetic stream is made of: hashtags (with their spelling variants), phrases by
// language and sentiment, emoji, names and places. Kept here so the tweet factory stays logic only.

export const LANGUAGES = ['en', 'es', 'de', 'fr', 'el', 'tr', 'ko', 'ja'] as const;
export type Language = (typeof LANGUAGES)[number];

/** Share of authors writing mostly in each language: mostly English, as the real stream is. */
export const LANGUAGE_WEIGHTS: Record<Language, number> = {
  en: 74,
  es: 7,
  de: 5,
  fr: 4,
  ja: 4,
  tr: 2,
  ko: 2,
  el: 2,
};

export type Mood = 'positive' | 'negative' | 'neutral';

/**
 * Hashtags in popularity order (rank 0 is the most frequent). Several are written in more than
 * one way by different people (#Brexit/#brexit/#BREXIT), and some are in non-Latin scripts, so
 * counting must fold case across scripts (Greek final sigma, Turkish dotted I, German ß).
 */
export const CORE_HASHTAGS: readonly string[] = [
  'Brexit',
  'AI',
  'ClimateChange',
  'WorldCup',
  'Bitcoin',
  'COVID19',
  'Election2024',
  'NBA',
  'Eurovision',
  'Oscars',
  'ChatGPT',
  'Ukraine',
  'MondayMotivation',
  'TechNews',
  'Music',
  'Football',
  'Gaming',
  'Crypto',
  'Fußball',
  'España',
  'Εκλογές',
  'İstanbul',
  '서울',
  '東京',
  'MachineLearning',
  'Python',
  'JavaScript',
  'OpenSource',
  'Photography',
  'Travel',
  'Foodie',
  'Fitness',
  'Netflix',
  'Marvel',
  'StarWars',
  'F1',
  'Wimbledon',
  'SuperBowl',
  'Paris2024',
  'Ελλάδα',
  'Türkiye',
  'Montréal',
  'LaLiga',
  'Bundesliga',
  'Ligue1',
  'KPop',
  '케이팝',
  'アニメ',
  '日本',
  'Startup',
  'Marketing',
  'Innovation',
  'Science',
  'Space',
  'NASA',
  'Health',
  'MentalHealth',
  'Education',
  'Books',
  'Art',
];

/** Syllables that build the long tail of rarer hashtags (#Zolavi, #Merutan...). */
export const TAIL_SYLLABLES: readonly string[] = [
  'ka',
  'lo',
  'mi',
  'ra',
  'te',
  'zu',
  'no',
  'vi',
  'sa',
  'de',
  'po',
  'li',
  'ga',
  'ren',
  'tan',
  'mor',
  'bel',
  'quin',
  'dax',
  'ul',
  'fer',
  'hon',
  'jo',
  'wex',
];

/** Hashtags that surge and fade during a burst, with the mood the burst carries. */
export const TREND_TOPICS: readonly { tag: string; mood: Mood; words: string }[] = [
  { tag: 'BreakingNews', mood: 'neutral', words: 'the breaking story' },
  { tag: 'GoalOfTheSeason', mood: 'positive', words: 'that last-minute goal' },
  { tag: 'ServerOutage', mood: 'negative', words: 'the outage' },
  { tag: 'NewAlbum', mood: 'positive', words: 'the new album' },
  { tag: 'Earthquake', mood: 'negative', words: 'the earthquake' },
  { tag: 'LaunchDay', mood: 'positive', words: 'the rocket launch' },
  { tag: 'Strike', mood: 'negative', words: 'the transport strike' },
  { tag: 'Debate', mood: 'neutral', words: 'the debate tonight' },
  { tag: 'Σεισμός', mood: 'negative', words: 'the earthquake in Greece' },
  { tag: 'Finale', mood: 'positive', words: 'the season finale' },
];

/** Topics a tweet can be about, by language. */
export const TOPICS: Record<Language, readonly string[]> = {
  en: [
    'the match',
    'this update',
    'the new phone',
    'the election',
    'the weather',
    'the train',
    'this movie',
    'the economy',
    'the concert',
    'my team',
    'the new policy',
    'this game',
  ],
  es: ['el partido', 'la película', 'el gobierno', 'el concierto', 'el tiempo', 'la nueva ley'],
  // Neuter and feminine nouns read the same as subject and object, so every phrase stays grammatical.
  de: ['das Spiel', 'die Wahl', 'das Wetter', 'die Serie', 'die Bahn', 'das Konzert'],
  fr: ['le match', 'le film', 'la réforme', 'le concert', 'la météo', 'le gouvernement'],
  el: ['τον αγώνα', 'την ταινία', 'τις εκλογές', 'τον καιρό', 'τη συναυλία'],
  tr: ['maç', 'film', 'seçim', 'hava', 'konser'],
  ko: ['경기', '영화', '선거', '날씨', '콘서트'],
  ja: ['試合', '映画', '選挙', '天気', 'コンサート'],
};

/** Opinion phrases; `{topic}` is replaced by a topic. */
export const PHRASES: Record<Language, Record<Mood, readonly string[]>> = {
  en: {
    positive: [
      'I absolutely love {topic}!',
      'What a great day, {topic} was amazing',
      'So proud of everyone behind {topic}',
      'This is the best news about {topic} in ages',
      '{topic} made my day, thank you',
      'Honestly {topic} is brilliant',
      'Sooo happy with {topic} right now',
      'Not bad at all, {topic} turned out really well',
      'Congrats to the whole team on {topic}, well deserved',
      'Loving every minute of {topic}',
    ],
    negative: [
      'I hate how {topic} was handled',
      '{topic} is a total disaster',
      'Worst decision ever on {topic}',
      'So disappointed with {topic}',
      'Absolutely awful, {topic} is broken again',
      "Can't believe how bad {topic} is",
      '{topic} is NOT good enough, this is terrible',
      'Sad and angry about {topic} today',
      'Stop lying about {topic}, ridiculous',
      'Really frustrated with {topic}, nothing works',
    ],
    neutral: [
      'Watching the news about {topic}',
      'Reading up on {topic}',
      'Live updates on {topic}:',
      'Meeting today to discuss {topic}',
      'New article on {topic}',
      'Anyone else following {topic}?',
      'Here is a thread on {topic}',
      'Schedule for {topic} is out',
    ],
  },
  es: {
    positive: [
      '¡Me encanta {topic}!',
      'Qué buen día, {topic} fue increíble',
      'Muy feliz con {topic}',
      'Gracias por {topic}, genial',
    ],
    negative: [
      'Odio cómo salió {topic}',
      '{topic} es un desastre',
      'Muy decepcionado con {topic}',
      'Qué vergüenza lo de {topic}',
    ],
    neutral: ['Siguiendo {topic} en directo', 'Leyendo sobre {topic}', 'Hoy hablamos de {topic}'],
  },
  de: {
    positive: [
      'Ich liebe {topic}!',
      'Was für ein toller Tag, {topic} war super',
      'Sehr zufrieden mit {topic}',
      'Danke für {topic}, großartig',
    ],
    negative: [
      '{topic} ist eine Katastrophe',
      'Total enttäuscht von {topic}',
      'Schlimmer geht es nicht: {topic}',
      'Ich ärgere mich über {topic}',
    ],
    neutral: ['Verfolge gerade {topic}', 'Neuer Artikel über {topic}', 'Heute geht es um {topic}'],
  },
  fr: {
    positive: [
      "J'adore {topic} !",
      'Quelle belle journée, {topic} était génial',
      'Trop content de {topic}',
      'Merci pour {topic}, magnifique',
    ],
    negative: [
      '{topic} est une catastrophe',
      'Très déçu par {topic}',
      "C'est nul, {topic}",
      'Honteux, {topic}',
    ],
    neutral: ['Je suis {topic} en direct', 'Nouvel article sur {topic}', "Aujourd'hui on parle de {topic}"],
  },
  el: {
    positive: ['Λατρεύω {topic}!', 'Πολύ χαρούμενος για {topic}', 'Ευχαριστούμε για {topic}, υπέροχα'],
    negative: ['Απαράδεκτο αυτό με {topic}', 'Πολύ απογοητευμένος με {topic}', 'Μισώ {topic}'],
    neutral: ['Παρακολουθώ {topic}', 'Νέο άρθρο για {topic}', 'Σήμερα συζητάμε για {topic}'],
  },
  tr: {
    positive: ['{topic} harikaydı!', 'Çok mutluyum, {topic} süperdi', '{topic} için teşekkürler'],
    negative: ['{topic} tam bir felaket', '{topic} yüzünden çok üzgünüm', 'Rezalet, {topic}'],
    neutral: ['{topic} hakkında haberler', '{topic} canlı takip', 'Bugün {topic} konuşuyoruz'],
  },
  ko: {
    positive: ['{topic} 정말 최고예요!', '오늘 {topic} 너무 좋았어요', '{topic} 감사합니다'],
    negative: ['{topic} 진짜 최악이다', '{topic} 너무 실망했어요', '{topic} 때문에 화나요'],
    neutral: ['{topic} 소식 정리', '{topic} 실시간 업데이트', '오늘 {topic} 이야기'],
  },
  ja: {
    positive: ['{topic}最高でした！', '今日の{topic}本当に良かった', '{topic}ありがとう'],
    negative: ['{topic}最悪だった', '{topic}にがっかりした', '{topic}ひどすぎる'],
    neutral: ['{topic}のニュースまとめ', '{topic}の速報', '今日は{topic}について'],
  },
};

export const EMOJI: Record<Mood, readonly string[]> = {
  positive: ['😀', '😍', '🎉', '👍', '❤️', '🔥', '🙌', '😂'],
  negative: ['😡', '😢', '👎', '💔', '😞', '🤬', '😤'],
  neutral: ['🤔', '📢', '📰', '👀', '📊'],
};

export const FIRST_NAMES: Record<Language, readonly string[]> = {
  en: [
    'James',
    'Mary',
    'John',
    'Patricia',
    'Robert',
    'Jennifer',
    'Michael',
    'Linda',
    'David',
    'Sarah',
    'Chris',
    'Emma',
    'Sam',
    'Olivia',
  ],
  es: ['María', 'José', 'Lucía', 'Javier', 'Carmen', 'Diego'],
  de: ['Lukas', 'Anna', 'Jürgen', 'Sophie', 'Max', 'Lena'],
  fr: ['Camille', 'Louis', 'Chloé', 'Hugo', 'Léa', 'Julien'],
  el: ['Γιώργος', 'Μαρία', 'Νίκος', 'Ελένη'],
  tr: ['Ayşe', 'Mehmet', 'Elif', 'Mustafa'],
  ko: ['민준', '서연', '지호', '하은'],
  ja: ['翔太', '陽菜', '蓮', '結衣'],
};

export const LAST_NAMES: Record<Language, readonly string[]> = {
  en: ['Smith', 'Johnson', 'Brown', 'Taylor', 'Wilson', 'Davies', 'Evans', 'Walker', 'Wright', 'Green'],
  es: ['García', 'López', 'Martínez', 'Sánchez'],
  de: ['Müller', 'Schmidt', 'Schneider', 'Fischer'],
  fr: ['Martin', 'Bernard', 'Dubois', 'Lefèvre'],
  el: ['Παπαδόπουλος', 'Γεωργίου', 'Νικολάου'],
  tr: ['Yılmaz', 'Kaya', 'Demir'],
  ko: ['김', '이', '박'],
  ja: ['佐藤', '鈴木', '高橋'],
};

/** Latin-letter handles, since X usernames are [A-Za-z0-9_]. */
export const HANDLE_WORDS: readonly string[] = [
  'news',
  'daily',
  'fan',
  'real',
  'the',
  'its',
  'official',
  'tech',
  'life',
  'world',
  'sports',
  'music',
  'pixel',
  'coffee',
  'city',
  'north',
  'blue',
  'wild',
  'happy',
  'data',
];

export const LOCATIONS: Record<Language, readonly string[]> = {
  en: [
    'London, England',
    'New York, NY',
    'Los Angeles, CA',
    'Manchester',
    'Toronto',
    'Sydney',
    'Dublin',
    'Chicago, IL',
    '',
  ],
  es: ['Madrid, España', 'Ciudad de México', 'Buenos Aires', 'Barcelona'],
  de: ['Berlin, Deutschland', 'München', 'Wien'],
  fr: ['Paris, France', 'Lyon', 'Montréal, Québec'],
  el: ['Αθήνα', 'Θεσσαλονίκη'],
  tr: ['İstanbul', 'Ankara'],
  ko: ['서울', '부산'],
  ja: ['東京', '大阪'],
};

export const SOURCES: readonly string[] = [
  'Twitter for iPhone',
  'Twitter for Android',
  'Twitter Web App',
  'TweetDeck',
];

/** Matching rules of the filtered stream the synthetic recording pretends to come from. */
export const MATCHING_RULES: readonly { id: string; tag: string }[] = [
  { id: '1765000000000000001', tag: 'trending topics' },
  { id: '1765000000000000002', tag: 'news and politics' },
  { id: '1765000000000000003', tag: 'sports and entertainment' },
];
