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
  std::string last_letters;
  if (ends_with(pattern, "$")) {
    const std::string before_anchor = pattern.substr(0, pattern.size() - 1);
    const std::size_t open = before_anchor.rfind('(');
    if (!before_anchor.empty() && std::isalpha(static_cast<unsigned char>(before_anchor.back())) &&
        (before_anchor.size() < 2 || before_anchor[before_anchor.size() - 2] != '\\')) {
      last_letters = lower(std::string(1, before_anchor.back()));
    } else if (ends_with(before_anchor, ")") && open != std::string::npos) {
      // A final group of plain alternatives, like (x|ch|ss|sh): their last letters.
      const std::string inner = before_anchor.substr(open + 1, before_anchor.size() - open - 2);
      if (!inner.empty() && inner.find_first_of("()[]?:\\.*+") == std::string::npos)
        for (const std::string& alternative : split(inner, '|'))
          if (!alternative.empty()) last_letters += lower(std::string(1, alternative.back()));
    }
  }
  auto flags = std::regex::ECMAScript;
  if (ignore_case) flags |= std::regex::icase;
  return {std::regex(pattern, flags), ecmascript_replacement(replacement), last_letters};
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
  for (const auto& [pattern, replacement, last_letters] : rules) {
    if (!last_letters.empty() && last_letters.find(last) == std::string::npos) continue;
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
