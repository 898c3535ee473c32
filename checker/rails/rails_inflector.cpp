#include "rails/rails_inflector.hpp"

#include <cctype>
#include <regex>
#include <utility>
#include <vector>

#include "util/text.hpp"

namespace plumb {
namespace {

struct Rule {
  std::regex pattern;
  std::string replacement;  // std::regex format: $1 for the first group
  std::string last_letters;  // the letters a matching word can end with; "" for any
};

// Every pattern is anchored at the end of the word, so a word whose last
// letter the pattern cannot end with is skipped without running the regex
// (std::regex is slow, and an app has thousands of models).
Rule rule(const std::string& pattern, const std::string& replacement) {
  std::string last_letters;
  const std::string before_anchor = pattern.substr(0, pattern.size() - 1);
  const std::size_t open = before_anchor.rfind('(');
  if (!before_anchor.empty() && std::isalpha(static_cast<unsigned char>(before_anchor.back()))) {
    last_letters = std::string(1, before_anchor.back());
  } else if (ends_with(before_anchor, ")") && open != std::string::npos) {
    // A final group of plain alternatives, like (x|ch|ss|sh): their last letters.
    const std::string inner = before_anchor.substr(open + 1, before_anchor.size() - open - 2);
    if (inner.find_first_of("()[]?:") == std::string::npos)
      for (const std::string& alternative : split(inner, '|')) last_letters += alternative.back();
  }
  return {std::regex(pattern, std::regex::icase | std::regex::ECMAScript), replacement, last_letters};
}

// ActiveSupport's plural rules, most recent first: Rails tries the rule
// defined last before the others, and irregular words are defined last.
const std::vector<Rule>& plural_rules() {
  static const std::vector<Rule> rules = [] {
    std::vector<Rule> defined = {
        rule("$", "s"),
        rule("s$", "s"),
        rule("^(ax|test)is$", "$1es"),
        rule("(octop|vir)us$", "$1i"),
        rule("(octop|vir)i$", "$1i"),
        rule("(alias|status)$", "$1es"),
        rule("(bu)s$", "$1ses"),
        rule("(buffal|tomat)o$", "$1oes"),
        rule("([ti])um$", "$1a"),
        rule("([ti])a$", "$1a"),
        rule("sis$", "ses"),
        rule("(?:([^f])fe|([lr])f)$", "$1$2ves"),
        rule("(hive)$", "$1s"),
        rule("([^aeiouy]|qu)y$", "$1ies"),
        rule("(x|ch|ss|sh)$", "$1es"),
        rule("(matr|vert|ind)(?:ix|ex)$", "$1ices"),
        rule("^(m|l)ouse$", "$1ice"),
        rule("^(m|l)ice$", "$1ice"),
        rule("^(ox)$", "$1en"),
        rule("^(oxen)$", "$1"),
        rule("(quiz)$", "$1zes"),
    };
    // irregular(singular, plural) keeps the first letter's case and matches
    // the end of the word, as Rails does ("salesperson" -> "salespeople").
    const std::pair<const char*, const char*> irregulars[] = {
        {"person", "people"}, {"man", "men"},     {"child", "children"},
        {"sex", "sexes"},     {"move", "moves"}, {"zombie", "zombies"},
    };
    for (const auto& [singular, plural] : irregulars)
      defined.push_back(rule(std::string("(") + singular[0] + ")" + (singular + 1) + "$", "$1" + std::string(plural + 1)));
    return std::vector<Rule>(defined.rbegin(), defined.rend());
  }();
  return rules;
}

// Words Rails never inflects, matched as the whole last word (\b...\Z).
bool uncountable(const std::string& word) {
  static const std::regex words("(^|[^A-Za-z0-9_])(equipment|information|rice|money|species|series|fish|sheep|jeans|police)$",
                                std::regex::icase);
  return std::regex_search(word, words);
}

}  // namespace

std::string underscore(const std::string& camel_case) {
  static const std::regex acronym_then_word("([A-Z\\d]+)([A-Z][a-z])");
  static const std::regex lower_then_upper("([a-z\\d])([A-Z])");
  std::string result = std::regex_replace(camel_case, acronym_then_word, "$1_$2");
  result = std::regex_replace(result, lower_then_upper, "$1_$2");
  for (char& c : result) c = c == '-' ? '_' : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return result;
}

std::string pluralize(const std::string& word) {
  if (word.empty() || uncountable(word)) return word;
  const char last = static_cast<char>(std::tolower(static_cast<unsigned char>(word.back())));
  for (const auto& [pattern, replacement, last_letters] : plural_rules()) {
    if (!last_letters.empty() && last_letters.find(last) == std::string::npos) continue;
    if (std::regex_search(word, pattern))
      return std::regex_replace(word, pattern, replacement, std::regex_constants::format_first_only);
  }
  return word;
}

std::string table_name_for_class(const std::string& class_name) {
  const auto last = class_name.rfind("::");
  return pluralize(underscore(last == std::string::npos ? class_name : class_name.substr(last + 2)));
}

}  // namespace plumb
