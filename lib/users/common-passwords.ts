/**
 * Passwords that appear at the top of every leaked-password list (Chinese sites included),
 * lower case. A new password equal to one of them, ignoring case, is refused. Short entries stay
 * although the length rule already refuses them, so the list reads as what it is.
 */
export const COMMON_PASSWORDS: ReadonlySet<string> = new Set([
  "123456", "12345678", "123456789", "1234567890", "12345678910", "0123456789", "9876543210", "0987654321",
  "111111", "11111111", "1111111111", "000000", "00000000", "0000000000", "888888", "88888888", "8888888888",
  "666666", "66666666", "6666666666", "999999999", "9999999999", "123123", "123123123", "1231231234", "123321",
  "112233", "11223344", "1122334455", "123654789", "147258369", "1472583690", "159753", "159357", "1357924680",
  "5201314", "52013145201314", "1314520", "13145201314520", "woaini", "woaini1314", "woaini520", "woaini123",
  "5211314", "iloveyou", "iloveyou1314", "password", "password1", "password12", "password123", "password1234",
  "passw0rd", "p@ssw0rd", "p@ssword", "p@ssword123", "qwerty", "qwerty123", "qwerty1234", "qwertyuiop",
  "qwertyuiop123", "1qaz2wsx", "1qaz2wsx3edc", "1q2w3e4r", "1q2w3e4r5t", "1q2w3e4r5t6y", "qazwsx", "qazwsxedc",
  "qazwsx123", "zxcvbnm", "zxcvbnm123", "asdfghjkl", "asdfghjkl123", "asd123456", "abc123", "abc123456",
  "abc1234567", "abcd1234", "abcd123456", "abcdefg", "abcdefgh", "abcdefghij", "a123456", "a12345678",
  "a123456789", "a1234567890", "aa123456", "aa12345678", "aaaaaaaaaa", "admin", "admin123", "admin1234",
  "admin12345", "admin123456", "administrator", "root123456", "test123456", "welcome123", "letmein123",
  "changeme123", "iloveyou123", "monkey123456", "dragon123456", "sunshine123", "princess123", "football123",
  "baseball123", "superman123", "computer123", "internet123", "q1w2e3r4t5", "zaq12wsx", "1234qwer",
  "1234qwerasdf", "qwer1234", "qweasdzxc", "qweasdzxc123", "123qwe", "123qweasd", "123qweasdzxc",
  "123456abc", "123456789a", "123456789abc", "12345qwert", "1234567890a", "fupin2020", "fupin123456",
  "zhongguo", "zhongguo123", "china123456", "wang123456", "li123456", "zhang123456", "liu123456",
]);
