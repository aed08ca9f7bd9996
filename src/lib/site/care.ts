/** The localStorage key of the 大字版 choice; public/care-init.js reads the same key (it cannot import). */
export const CARE_KEY = 'nianbao-care';
