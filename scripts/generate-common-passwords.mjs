// Writes src/platform/auth/common-passwords.txt: passwords that people choose
// often, built from the patterns that password-cracking lists show again and
// again (a word, a capital, a year or "123", a "!"; keyboard walks; repeated
// digits). Written by us, not copied from a leaked list. Run again after
// editing the words: node scripts/generate-common-passwords.mjs
import { writeFileSync } from "node:fs";
import { join } from "node:path";

const words = `
password motdepasse motdepass azerty qwerty azertyuiop qwertyuiop soleil bonjour bonsoir chocolat
doudou loulou nounours marseille paris lyon toulouse nantes bordeaux lille nice football
jetaime jtm amour monamour iloveyou princesse princess chouchou cheval chaton chien chat
nicolas thomas camille julien pierre jeanne marie sophie laura sarah lucas hugo louis
emma lea manon chloe ines jade alice julie pauline nathalie isabelle sandrine stephanie
christophe philippe francois frederic laurent olivier sebastien vincent patrick michel
alexandre antoine maxime romain kevin jordan dragon master monkey shadow sunshine
welcome admin administrateur utilisateur user login secret bienvenue france liberte
vacances famille bebe enfant maison jardin printemps ete automne hiver noel paques
olympique psg ommarseille barcelone realmadrid juventus arsenal chelsea liverpool
batman superman spiderman pokemon pikachu naruto minecraft fortnite starwars matrix
tintin asterix obelix titanic bisounours hellokitty barbie disney mickey
relais solidarite social departement mairie ccas caf cpam pole emploi francetravail
hautsdeseine nanterre boulogne colombes courbevoie rueil antony clamart issy montrouge
changeme changemoi temporaire provisoire nouveau nouveaumotdepasse test testtest essai
abc abcdef abcdefgh abcd1234 azer1234 qwer1234 trustno1 letmein access passw0rd p@ssword
p@ssw0rd m0tdepasse mot2passe motdepasse1 soleil1 bonjour1 azerty1 qwerty1
`
  .trim()
  .split(/\s+/);

const suffixes = [
  "",
  "1",
  "12",
  "123",
  "1234",
  "12345",
  "123456",
  "1234567",
  "12345678",
  "123456789",
  "!",
  "!!",
  "1!",
  "123!",
  "01",
  "69",
  "13",
  "75",
  "92",
  "93",
  "94",
  "33",
  "59",
  "00",
  "007",
  "@",
  "*",
  "?",
  "0000",
  "1111",
  "2468",
  "azerty",
];
for (let year = 1970; year <= 2030; year++) suffixes.push(String(year), `${year}!`);

const entries = new Set();
const add = (value) => entries.add(value.toLowerCase());
for (const word of words) {
  for (const suffix of suffixes) {
    add(`${word}${suffix}`);
  }
  add(`${word}${word}`);
  add(`${word}${word}123`);
  add(`mon${word}`);
  add(`${word}azerty`);
  add(`azerty${word}`);
}

// Keyboard walks and repeated or counted digits, at every length up to 20.
const walks = [
  "azertyuiopqsdfghjklmwxcvbn",
  "qwertyuiopasdfghjklzxcvbnm",
  "1234567890",
  "0987654321",
  "azertyuiop",
  "qsdfghjklm",
  "wxcvbn",
  "1qaz2wsx3edc4rfv",
  "a1z2e3r4t5y6",
  "123azeqsdwxc",
  "abcdefghijklmnopqrstuvwxyz",
  "9876543210",
];
for (const walk of walks) {
  for (let length = 6; length <= walk.length; length++) add(walk.slice(0, length));
  add(walk + walk);
}
for (let digit = 0; digit <= 9; digit++) {
  for (let length = 6; length <= 20; length++) add(String(digit).repeat(length));
}
for (const word of ["a", "x", "z", "aa", "ab", "abc", "azerty", "qwerty"]) {
  for (let times = 2; times <= 8; times++) add(word.repeat(times));
}
for (let start = 0; start <= 9; start++) {
  let sequence = "";
  for (let n = start; sequence.length < 20; n = (n + 1) % 10) {
    sequence += String(n);
    if (sequence.length >= 8) add(sequence);
  }
}

const sorted = [...entries].sort();
const file = join(import.meta.dirname, "..", "src", "platform", "auth", "common-passwords.txt");
writeFileSync(
  file,
  `# Mots de passe trop courants, refusés à la création (scripts/generate-common-passwords.mjs).\n${sorted.join("\n")}\n`,
);
process.stderr.write(`${sorted.length} mots de passe écrits dans ${file}\n`);
