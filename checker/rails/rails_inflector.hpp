// RailsInflector: table names as Rails derives them from class names, with
// ActiveSupport's default English inflections plus the app's own (acronym,
// irregular, plural, singular, uncountable from config/initializers).
#pragma once

#include <optional>
#include <regex>
#include <string>
#include <vector>

namespace plumb {

class RailsInflector {
 public:
  RailsInflector();  // ActiveSupport's defaults

  // The app's rules, as `inflect.<name>` declares them; later ones win.
  void acronym(const std::string& word);
  void irregular(const std::string& singular, const std::string& plural);
  void uncountable(const std::string& word);
  // `pattern` is a Ruby regular expression's source (`\A`, `\z` allowed);
  // `replacement` refers to groups as \1. Throws std::regex_error when
  // std::regex cannot read the pattern.
  void plural(const std::string& pattern, const std::string& replacement, bool ignore_case = true);
  void singular(const std::string& pattern, const std::string& replacement, bool ignore_case = true);

  // "InvitationLogEntry" -> "invitation_log_entry", "HTMLPage" -> "html_page",
  // "GitHubUser" -> "github_user" once "GitHub" is an acronym
  // (ActiveSupport's String#underscore, after `::` is dropped by the caller).
  std::string underscore(const std::string& camel_case) const;

  // The plural (singular) of the last word of `word`: "entry" -> "entries",
  // "person" -> "people", "equipment" -> "equipment".
  std::string pluralize(const std::string& word) const;
  std::string singularize(const std::string& word) const;

 private:
  struct Rule {
    std::regex pattern;
    std::string replacement;   // std::regex format: $1 for the first group
    std::string last_letters;  // the letters a matching word can end with; "" for any
    std::optional<std::string> appended;  // what the rule appends to every word, when that is all it does
  };
  static Rule make_rule(const std::string& pattern, const std::string& replacement, bool ignore_case);
  bool is_uncountable(const std::string& word) const;
  static std::string apply(const std::vector<Rule>& rules, const std::string& word);

  std::vector<Rule> m_plurals;    // most recent first, as Rails tries them
  std::vector<Rule> m_singulars;  // most recent first
  std::vector<std::string> m_uncountables;
  std::vector<std::string> m_acronyms;  // as written: "GitHub"
};

}  // namespace plumb
