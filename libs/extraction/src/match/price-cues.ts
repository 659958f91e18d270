// Words right next to an amount that say what kind of amount it is: an old price ("was $30"),
// a discount ("save $5", "$5 off"), or the current price ("now $25").

export const OLD_PRICE_BEFORE = /\b(was|were|reg\.?|regular(?:ly)?|originally|orig\.?|before|list price|msrp|rrp|compare at|valued at|value)\s*:?\s*$/i;
export const DISCOUNT_BEFORE = /\b(save|saving|savings|you save|discount(?: of)?|get)\s*:?\s*$/i;
export const DISCOUNT_AFTER = /^\s*(off|discount|savings?)\b/i;
export const NOW_BEFORE = /\b(now|now only|sale|today|special)\s*:?\s*$/i;
