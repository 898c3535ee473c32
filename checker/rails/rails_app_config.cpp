#include "rails/rails_app_config.hpp"

#include "rails/ruby_syntax_tree.hpp"
#include "rails/ruby_value.hpp"

namespace plumb {
namespace {

// /pattern/flags as its source and whether it ignores case; nullopt when it
// interpolates.
std::optional<std::pair<std::string, bool>> regex_literal(RubyNode node) {
  if (!node.is("regex")) return std::nullopt;
  bool interpolated = false;
  std::string pattern;
  for (std::size_t i = 0; i < node.count(); ++i) {
    if (node.child(i).is("interpolation")) interpolated = true;
    else pattern += node.child(i).text();
  }
  if (interpolated) return std::nullopt;
  const std::string_view text = node.text();
  const std::string_view flags = text.substr(text.rfind('/') + 1);
  return std::make_pair(pattern, flags.find('i') != std::string_view::npos);
}

class ConfigReader {
 public:
  ConfigReader(RailsAppConfig& config, std::string file) : m_config(config), m_file(std::move(file)) {}

  void walk(RubyNode node, bool in_inflections) {
    if (node.is("call")) {
      if (in_inflections) read_inflection(node);
      if (node.field("method").text() == "inflections") in_inflections = true;
    }
    if (node.is("assignment")) read_setting(node);
    for (std::size_t i = 0; i < node.count(); ++i) walk(node.child(i), in_inflections);
  }

 private:
  void read_inflection(RubyNode call) {
    const std::string_view method = call.field("method").text();
    const RubyArguments arguments = ruby_arguments(call);
    std::vector<std::string> words;
    for (const auto& value : arguments.positional) {
      if (value.kind == RubyValue::Kind::array)
        for (const auto& item : value.items) words.push_back(item.name());
      else words.push_back(value.name());
    }
    if (method == "acronym" && words.size() == 1) return m_config.inflector.acronym(words[0]);
    if (method == "uncountable") {
      for (const auto& word : words) m_config.inflector.uncountable(word);
      return;
    }
    if (method == "irregular" && words.size() == 2) return m_config.inflector.irregular(words[0], words[1]);
    if ((method == "plural" || method == "singular") && arguments.positional.size() == 2) return read_rule(call, method, arguments);
  }

  void read_rule(RubyNode call, std::string_view method, const RubyArguments& arguments) {
    auto pattern = regex_literal(arguments.positional[0].node);
    const std::string replacement = arguments.positional[1].name();
    if (!pattern && !arguments.positional[0].name().empty()) pattern = std::make_pair(escaped(arguments.positional[0].name()), false);
    try {
      if (!pattern) throw std::regex_error(std::regex_constants::error_complexity);
      if (method == "plural") m_config.inflector.plural(pattern->first, replacement, pattern->second);
      else m_config.inflector.singular(pattern->first, replacement, pattern->second);
    } catch (const std::regex_error&) {
      m_config.diagnostics.push_back({m_file, call.line(), "cannot read the inflection rule " + one_line_source(call) +
                                                               "; table names are derived without it"});
    }
  }

  static std::string escaped(const std::string& literal) {
    std::string pattern;
    for (char c : literal) {
      if (std::string("\\^$.|?*+()[]{}").find(c) != std::string::npos) pattern += '\\';
      pattern += c;
    }
    return pattern;
  }

  // config.active_record.pluralize_table_names = false, and the prefix and suffix.
  void read_setting(RubyNode assignment) {
    const std::string_view left = assignment.field("left").text();
    const RubyValue value = ruby_value(assignment.field("right"));
    if (left == "config.active_record.pluralize_table_names" && value.kind == RubyValue::Kind::boolean)
      m_config.pluralize_table_names = value.is_true();
    if (left == "config.active_record.table_name_prefix" && value.kind == RubyValue::Kind::string && !value.interpolated)
      m_config.table_name_prefix = value.text;
    if (left == "config.active_record.table_name_suffix" && value.kind == RubyValue::Kind::string && !value.interpolated)
      m_config.table_name_suffix = value.text;
  }

  RailsAppConfig& m_config;
  std::string m_file;
};

}  // namespace

RailsAppConfig read_rails_app_config(const std::vector<RubySource>& files) {
  RailsAppConfig config;
  for (const auto& [path, text] : files) {
    const RubySyntaxTree tree(text);
    ConfigReader(config, path).walk(tree.root(), false);
  }
  return config;
}

}  // namespace plumb
