#include "rails/rails_inflector.hpp"

#include <algorithm>
#include <cctype>
#include <utility>

#include "util/text.hpp"

namespace plumb {
namespace {

std::string lower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

bool word_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

// Ruby's \A, \z and \Z as ECMAScript anchors, and \1 as $1.
std::string ecmascript_pattern(const std::string& ruby) {
  std::string pattern;
  for (std::size_t i = 0; i < ruby.size(); ++i) {
    if (ruby[i] == '\\' && i + 1 < ruby.size() && (ruby[i + 1] == 'A' || ruby[i + 1] == 'z' || ruby[i + 1] == 'Z')) {
      pattern += ruby[i + 1] == 'A' ? '^' : '$';
      ++i;
    } else {
      pattern += ruby[i];
      if (ruby[i] == '\\' && i + 1 < ruby.size()) pattern += ruby[++i];
    }
  }
  return pattern;
}

// What the end of a regular expression's match can be: the characters
// (lowercased) its last one can be, or any character (nullopt); and whether
// the match can be empty.
struct Ending {
  std::optional<std::string> last;
  bool can_be_empty = false;
};

std::optional<std::string> either(const std::optional<std::string>& a, const std::optional<std::string>& b) {
  if (!a || !b) return std::nullopt;
  return *a + *b;
}

// The index of the `)` closing the group opened at `open`, or npos.
std::size_t group_end(const std::string& pattern, std::size_t open) {
  int depth = 0;
  bool in_class = false;
  for (std::size_t i = open; i < pattern.size(); ++i) {
    const char c = pattern[i];
    if (c == '\\') ++i;
    else if (in_class) in_class = c != ']';
    else if (c == '[') in_class = true;
    else if (c == '(') ++depth;
    else if (c == ')' && --depth == 0) return i;
  }
  return std::string::npos;
}

// `pattern` split at its `|` outside any group, [class] or escape; nullopt
// when a group or a class is left open.
std::optional<std::vector<std::string>> top_level_alternatives(const std::string& pattern) {
  std::vector<std::string> alternatives;
  std::size_t start = 0;
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    const char c = pattern[i];
    if (c == '\\') ++i;
    else if (c == '[') i = pattern.find(']', i + 1);
    else if (c == '(') i = group_end(pattern, i);
    else if (c == ')') return std::nullopt;
    else if (c == '|') {
      alternatives.push_back(pattern.substr(start, i - start));
      start = i + 1;
    }
    if (i == std::string::npos) return std::nullopt;
  }
  alternatives.push_back(pattern.substr(start));
  return alternatives;
}

std::optional<Ending> sequence_ending(const std::string& pattern);

// One atom of a pattern (a letter, a [class], a group) starting at `at`;
// moves `at` past it. nullopt for what this reading does not know
// (escapes, lookarounds, nested quantifiers...): the caller then gives up.
std::optional<Ending> atom_ending(const std::string& pattern, std::size_t& at) {
  const char c = pattern[at];
  if (c == '^') return ++at, Ending{std::string(), true};
  if (c == '.') return ++at, Ending{std::nullopt, false};
  if (std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == ' ') return ++at, Ending{lower(std::string(1, c)), false};
  if (c == '[') {
    const std::size_t close = pattern.find(']', at + 1);
    if (close == std::string::npos || close == at + 1) return std::nullopt;
    const std::string members = pattern.substr(at + 1, close - at - 1);
    at = close + 1;
    if (members[0] == '^') return Ending{std::nullopt, false};
    if (members.find_first_of("\\-[") != std::string::npos) return std::nullopt;
    return Ending{lower(members), false};
  }
  if (c != '(') return std::nullopt;
  const std::size_t close = group_end(pattern, at);
  if (close == std::string::npos) return std::nullopt;
  std::string inner = pattern.substr(at + 1, close - at - 1);
  at = close + 1;
  if (starts_with(inner, "?:")) inner.erase(0, 2);
  else if (starts_with(inner, "?")) return std::nullopt;  // a lookaround
  const auto alternatives = top_level_alternatives(inner);
  if (!alternatives) return std::nullopt;
  Ending group{std::string(), false};
  for (const std::string& text : *alternatives) {
    const auto alternative = sequence_ending(text);
    if (!alternative) return std::nullopt;
    group.last = either(group.last, alternative->last);
    group.can_be_empty = group.can_be_empty || alternative->can_be_empty;
  }
  return group;
}

// The ending of a sequence of atoms, each maybe followed by `?`, `*` or `+`.
std::optional<Ending> sequence_ending(const std::string& pattern) {
  Ending ending{std::string(), true};
  for (std::size_t at = 0; at < pattern.size();) {
    auto atom = atom_ending(pattern, at);
    if (!atom) return std::nullopt;
    if (at < pattern.size() && (pattern[at] == '?' || pattern[at] == '*')) atom->can_be_empty = true;
    if (at < pattern.size() && (pattern[at] == '?' || pattern[at] == '*' || pattern[at] == '+')) ++at;
    if (at < pattern.size() && (pattern[at] == '?' || pattern[at] == '*' || pattern[at] == '+' || pattern[at] == '{'))
      return std::nullopt;
    ending.last = atom->can_be_empty ? either(ending.last, atom->last) : atom->last;
    ending.can_be_empty = ending.can_be_empty && atom->can_be_empty;
  }
  return ending;
}

// The letters a word must end with for `pattern` (ECMAScript) to match it,
// or "" when any word may match: a pattern anchored at the end ($) matches
// only where its last atom can match the word's last letter.
std::string last_letters_of(const std::string& pattern) {
  if (!ends_with(pattern, "$")) return "";
  std::size_t backslashes = 0;
  while (backslashes + 1 < pattern.size() && pattern[pattern.size() - 2 - backslashes] == '\\') ++backslashes;
  if (backslashes % 2 == 1) return "";  // \$ is a dollar sign
  const std::string body = pattern.substr(0, pattern.size() - 1);
  // With alternatives of the whole pattern, the anchor belongs to the last
  // one only. (A second `$` is an atom sequence_ending does not read.)
  const auto alternatives = top_level_alternatives(body);
  if (!alternatives || alternatives->size() != 1) return "";
  const auto ending = sequence_ending(body);
  if (!ending || ending->can_be_empty || !ending->last || ending->last->empty()) return "";
  return *ending->last;
}

std::string ecmascript_replacement(const std::string& ruby) {
  std::string replacement;
  for (std::size_t i = 0; i < ruby.size(); ++i) {
    if (ruby[i] == '\\' && i + 1 < ruby.size() && std::isdigit(static_cast<unsigned char>(ruby[i + 1]))) replacement += '$';
    else if (ruby[i] == '$') replacement += "$$";
    else replacement += ruby[i];
  }
  return replacement;
}

const std::pair<const char*, const char*> k_default_plurals[] = {
    {"$", "s"}, {"s$", "s"}, {"^(ax|test)is$", "\\1es"}, {"(octop|vir)us$", "\\1i"}, {"(octop|vir)i$", "\\1i"},
    {"(alias|status)$", "\\1es"}, {"(bu)s$", "\\1ses"}, {"(buffal|tomat)o$", "\\1oes"}, {"([ti])um$", "\\1a"},
    {"([ti])a$", "\\1a"}, {"sis$", "ses"}, {"(?:([^f])fe|([lr])f)$", "\\1\\2ves"}, {"(hive)$", "\\1s"},
    {"([^aeiouy]|qu)y$", "\\1ies"}, {"(x|ch|ss|sh)$", "\\1es"}, {"(matr|vert|ind)(?:ix|ex)$", "\\1ices"},
    {"^(m|l)ouse$", "\\1ice"}, {"^(m|l)ice$", "\\1ice"}, {"^(ox)$", "\\1en"}, {"^(oxen)$", "\\1"}, {"(quiz)$", "\\1zes"},
};

const std::pair<const char*, const char*> k_default_singulars[] = {
    {"s$", ""}, {"(ss)$", "\\1"}, {"(n)ews$", "\\1ews"}, {"([ti])a$", "\\1um"},
    {"((a)naly|(b)a|(d)iagno|(p)arenthe|(p)rogno|(s)ynop|(t)he)(sis|ses)$", "\\1sis"}, {"(^analy)(sis|ses)$", "\\1sis"},
    {"([^f])ves$", "\\1fe"}, {"(hive)s$", "\\1"}, {"(tive)s$", "\\1"}, {"([lr])ves$", "\\1f"},
    {"([^aeiouy]|qu)ies$", "\\1y"}, {"(s)eries$", "\\1eries"}, {"(m)ovies$", "\\1ovie"}, {"(x|ch|ss|sh)es$", "\\1"},
    {"^(m|l)ice$", "\\1ouse"}, {"(bus)(es)?$", "\\1"}, {"(o)es$", "\\1"}, {"(shoe)s$", "\\1"},
    {"(cris|test)(is|es)$", "\\1is"}, {"^(a)x[ie]s$", "\\1xis"}, {"(octop|vir)(us|i)$", "\\1us"},
    {"(alias|status)(es)?$", "\\1"}, {"^(ox)en", "\\1"}, {"(vert|ind)ices$", "\\1ex"}, {"(matr)ices$", "\\1ix"},
    {"(quiz)zes$", "\\1"}, {"(database)s$", "\\1"},
};

}  // namespace

RailsInflector::RailsInflector() {
  for (const auto& [pattern, replacement] : k_default_plurals) plural(pattern, replacement);
  for (const auto& [pattern, replacement] : k_default_singulars) singular(pattern, replacement);
  for (const auto& [one, many] : {std::pair<const char*, const char*>{"person", "people"}, {"man", "men"},
                                  {"child", "children"}, {"sex", "sexes"}, {"move", "moves"}, {"zombie", "zombies"}})
    irregular(one, many);
  for (const char* word : {"equipment", "information", "rice", "money", "species", "series", "fish", "sheep", "jeans", "police"})
    uncountable(word);
}

// Every default pattern is anchored at the end of the word, so a word whose
// last letter the pattern cannot end with is skipped without running the
// regex (std::regex is slow, and an app has thousands of models).
RailsInflector::Rule RailsInflector::make_rule(const std::string& ruby_pattern, const std::string& replacement,
                                               bool ignore_case) {
  const std::string pattern = ecmascript_pattern(ruby_pattern);
  auto flags = std::regex::ECMAScript;
  if (ignore_case) flags |= std::regex::icase;
  // /$/ -> "s" (Rails' first rule, the one most words end up with) appends.
  const bool appends = pattern == "$" && replacement.find_first_of("\\$") == std::string::npos;
  return {std::regex(pattern, flags), ecmascript_replacement(replacement), last_letters_of(pattern),
          appends ? std::optional<std::string>(replacement) : std::nullopt};
}

void RailsInflector::acronym(const std::string& word) {
  m_acronyms.erase(std::remove_if(m_acronyms.begin(), m_acronyms.end(),
                                  [&](const std::string& known) { return lower(known) == lower(word); }),
                   m_acronyms.end());
  m_acronyms.push_back(word);
}

void RailsInflector::uncountable(const std::string& word) { m_uncountables.push_back(lower(word)); }

void RailsInflector::plural(const std::string& pattern, const std::string& replacement, bool ignore_case) {
  m_uncountables.erase(std::remove(m_uncountables.begin(), m_uncountables.end(), lower(replacement)), m_uncountables.end());
  m_plurals.insert(m_plurals.begin(), make_rule(pattern, replacement, ignore_case));
}

void RailsInflector::singular(const std::string& pattern, const std::string& replacement, bool ignore_case) {
  m_uncountables.erase(std::remove(m_uncountables.begin(), m_uncountables.end(), lower(replacement)), m_uncountables.end());
  m_singulars.insert(m_singulars.begin(), make_rule(pattern, replacement, ignore_case));
}

// As ActiveSupport's irregular: keeps the first letter's case and matches the
// end of the word ("salesperson" -> "salespeople").
void RailsInflector::irregular(const std::string& one, const std::string& many) {
  if (one.empty() || many.empty()) return;
  m_uncountables.erase(std::remove(m_uncountables.begin(), m_uncountables.end(), lower(one)), m_uncountables.end());
  m_uncountables.erase(std::remove(m_uncountables.begin(), m_uncountables.end(), lower(many)), m_uncountables.end());
  const std::string one_rest = one.substr(1), many_rest = many.substr(1);
  if (std::toupper(static_cast<unsigned char>(one[0])) == std::toupper(static_cast<unsigned char>(many[0]))) {
    plural("(" + one.substr(0, 1) + ")" + one_rest + "$", "\\1" + many_rest);
    plural("(" + many.substr(0, 1) + ")" + many_rest + "$", "\\1" + many_rest);
    singular("(" + one.substr(0, 1) + ")" + one_rest + "$", "\\1" + one_rest);
    singular("(" + many.substr(0, 1) + ")" + many_rest + "$", "\\1" + one_rest);
  } else {
    plural(one + "$", many);
    plural(many + "$", many);
    singular(one + "$", one);
    singular(many + "$", one);
  }
}

// Rails matches /\b#{word}\Z/i: the word ends `text` after a non-word character.
bool RailsInflector::is_uncountable(const std::string& word) const {
  const std::string lowered = lower(word);
  for (const auto& candidate : m_uncountables)
    if (ends_with(lowered, candidate) &&
        (lowered.size() == candidate.size() || !word_char(lowered[lowered.size() - candidate.size() - 1])))
      return true;
  return false;
}

std::string RailsInflector::apply(const std::vector<Rule>& rules, const std::string& word) {
  const char last = static_cast<char>(std::tolower(static_cast<unsigned char>(word.back())));
  for (const auto& [pattern, replacement, last_letters, appended] : rules) {
    if (!last_letters.empty() && last_letters.find(last) == std::string::npos) continue;
    if (appended) return word + *appended;
    if (std::regex_search(word, pattern))
      return std::regex_replace(word, pattern, replacement, std::regex_constants::format_first_only);
  }
  return word;
}

std::string RailsInflector::pluralize(const std::string& word) const {
  if (word.empty() || is_uncountable(word)) return word;
  return apply(m_plurals, word);
}

std::string RailsInflector::singularize(const std::string& word) const {
  if (word.empty() || is_uncountable(word)) return word;
  return apply(m_singulars, word);
}

// ActiveSupport's underscore: first each acronym becomes one lowercase word
// (with a "_" before it when it follows a letter or digit), then "_" goes
// between a lowercase letter or digit and a capital, and between the last
// two capitals of a run followed by a lowercase letter.
std::string RailsInflector::underscore(const std::string& camel_case) const {
  std::string word;
  for (std::size_t i = 0; i < camel_case.size();) {
    const std::string* found = nullptr;
    for (const auto& acronym : m_acronyms) {
      const std::size_t end = i + acronym.size();
      const bool boundary_after = end >= camel_case.size() || !std::islower(static_cast<unsigned char>(camel_case[end]));
      const bool boundary_before = i == 0 || std::isalnum(static_cast<unsigned char>(camel_case[i - 1])) ||
                                   !word_char(camel_case[i - 1]);
      if (camel_case.compare(i, acronym.size(), acronym) == 0 && boundary_after && boundary_before) found = &acronym;
      if (found != nullptr) break;
    }
    if (found == nullptr) {
      word += camel_case[i++];
      continue;
    }
    if (i > 0 && std::isalnum(static_cast<unsigned char>(camel_case[i - 1]))) word += '_';
    word += lower(*found);
    i += found->size();
  }
  std::string result;
  for (std::size_t i = 0; i < word.size(); ++i) {
    const auto at = [&](std::size_t j) { return static_cast<unsigned char>(word[j]); };
    if (i > 0 && std::isupper(at(i)) &&
        ((std::islower(at(i - 1)) || std::isdigit(at(i - 1))) ||
         (std::isupper(at(i - 1)) && i + 1 < word.size() && std::islower(at(i + 1)))))
      result += '_';
    result += word[i] == '-' ? '_' : static_cast<char>(std::tolower(at(i)));
  }
  return result;
}

}  // namespace plumb
