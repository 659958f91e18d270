// Does a text look like a person's name? Role columns ("sheriff_name") want people, not offices.

const ORG_WORDS =
  /\b(county|office|department|dept|inc|llc|ltd|corp|company|center|centre|city|services?|sheriff|coroner|board|agency|bureau|division|church|school|university|college|hospital|clinic|gym|studio|restaurant|cafe|museum|park|club|association|society|council|commission|court|group|team|staff|directory|contact|home|welcome|about|news)\b/i;
const NAME_WORD = /^(?:\p{Lu}[\p{Ll}'’-]+(?:-\p{Lu}[\p{Ll}'’]+)?|\p{Lu}\.|\p{Lu}{2,3}\.?|de|del|della|der|di|da|van|von|la|le|du|dos|bin|al|st\.|Mc\p{Lu}\p{Ll}+|O['’]\p{Lu}\p{Ll}+|Jr\.?|Sr\.?|II|III|IV)$/u;

/** "Camille N. Petrakis", "Tomás Dubois": two to five capitalised words, no organisation words. */
export function looksLikePerson(text: string): boolean {
  if (text.length > 60 || /\d/.test(text) || ORG_WORDS.test(text)) return false;
  const words = text.replace(/,\s*(Jr|Sr|II|III|IV)\.?$/, ' $1').split(/\s+/);
  if (words.length < 2 || words.length > 5) return false;
  const capitalised = words.filter((w) => /^\p{Lu}/u.test(w)).length;
  return capitalised >= 2 && words.every((w) => NAME_WORD.test(w));
}

const US_STATES =
  'Alabama|Alaska|Arizona|Arkansas|California|Colorado|Connecticut|Delaware|Florida|Georgia|Hawaii|Idaho|Illinois|Indiana|Iowa|Kansas|Kentucky|Louisiana|Maine|Maryland|Massachusetts|Michigan|Minnesota|Mississippi|Missouri|Montana|Nebraska|Nevada|New Hampshire|New Jersey|New Mexico|New York|North Carolina|North Dakota|Ohio|Oklahoma|Oregon|Pennsylvania|Rhode Island|South Carolina|South Dakota|Tennessee|Texas|Utah|Vermont|Virginia|Washington|West Virginia|Wisconsin|Wyoming';
const PLACE_SUFFIX = new RegExp(`,\\s*(?:${US_STATES}|[A-Z]{2}|USA|United States|UK|United Kingdom|England|Scotland|Wales|Australia|Canada|Ireland|New Zealand)$`);

/** "Alder County, Missouri": a name followed by where it is. The name alone is the better value. */
export function endsWithPlace(text: string): boolean {
  return PLACE_SUFFIX.test(text.trim());
}
