/** What every message says about a vacancy. */
export interface VacancyFacts {
  unitName: string;
  unitAddress: string | null;
  qualificationName: string;
  shifts: { start: Date; end: Date }[];
}

/** Collapses line breaks and runs of whitespace: names go into one-line texts and headers. */
export function oneLine(value: string | null | undefined): string {
  return (value ?? '').replace(/\s+/g, ' ').trim();
}

/** "Lärare" -> "lärare" for use mid-sentence; acronyms ("IT-tekniker", "BUS") are left alone. */
export function midSentence(name: string): string {
  const chars = [...name];
  if (chars.length >= 2 && chars[1] === chars[1].toLocaleLowerCase('sv') && chars[1] !== chars[1].toLocaleUpperCase('sv')) {
    return chars[0].toLocaleLowerCase('sv') + chars.slice(1).join('');
  }
  return name;
}

export function passWord(count: number): string {
  return count === 1 ? 'passet' : 'passen';
}

export function assertHttpUrl(link: string): string {
  if (!/^https?:\/\/[^\s"'<>]+$/i.test(link)) throw new Error('Message link must be an absolute http(s) URL');
  return link;
}
