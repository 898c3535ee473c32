#include "rails/ruby_syntax_tree.hpp"

#include <cstring>
#include <stdexcept>
#include <utility>
#include <vector>

extern "C" const TSLanguage* tree_sitter_ruby(void);

namespace plumb {
// The grammar's field ids by name, looked up once: ts_node_child_by_field_name
// measures and compares the name with every field of the grammar on each call.
TSFieldId field_id(const char* name) {
  static const std::vector<std::pair<const char*, TSFieldId>> ids = [] {
    std::vector<std::pair<const char*, TSFieldId>> known;
    const TSLanguage* language = tree_sitter_ruby();
    for (TSFieldId id = 1; id <= ts_language_field_count(language); ++id)
      known.emplace_back(ts_language_field_name_for_id(language, id), id);
    return known;
  }();
  for (const auto& [known, id] : ids)
    if (known[0] == name[0] && std::strcmp(known, name) == 0) return id;
  return 0;
}

RubyNode RubyNode::field(const char* name) const {
  if (null()) return {};
  return {ts_node_child_by_field_id(m_node, field_id(name)), m_source};
}

RubyNode RubyNode::child(std::size_t index) const {
  if (index >= count()) return {};
  return {ts_node_named_child(m_node, static_cast<uint32_t>(index)), m_source};
}

RubyNode RubyNode::any_child(std::size_t index) const {
  if (index >= all_count()) return {};
  return {ts_node_child(m_node, static_cast<uint32_t>(index)), m_source};
}

RubyNode RubyNode::parent() const {
  if (null()) return {};
  return {ts_node_parent(m_node), m_source};
}

RubyNode RubyNode::descendant_at(std::uint32_t start, std::uint32_t end) const {
  if (null()) return {};
  return {ts_node_descendant_for_byte_range(m_node, start, end), m_source};
}

std::string_view RubyNode::text() const {
  if (null()) return {};
  const uint32_t start = ts_node_start_byte(m_node);
  const uint32_t end = ts_node_end_byte(m_node);
  return std::string_view(*m_source).substr(start, end - start);
}

// A parser per tree, in the tree's arena: one kept per thread would hold
// arena memory past the file (its stacks grow while it parses).
RubySyntaxTree::RubySyntaxTree(std::string source)
    : m_source(std::make_unique<std::string>(std::move(source))), m_parser(ts_parser_new()) {
  if (!ts_parser_set_language(m_parser, tree_sitter_ruby())) {
    ts_parser_delete(m_parser);
    throw std::runtime_error("the Ruby grammar's ABI is not one this tree-sitter runtime loads");
  }
  m_tree = ts_parser_parse_string(m_parser, nullptr, m_source->data(), static_cast<uint32_t>(m_source->size()));
  if (m_tree == nullptr) {
    ts_parser_delete(m_parser);
    throw std::runtime_error("tree-sitter gave no tree");
  }
}

// The tree is all arena memory, released with the arena: ts_tree_delete
// would only visit every node to free nothing. The parser is deleted for its
// external scanner, which the grammar allocates with malloc.
RubySyntaxTree::~RubySyntaxTree() { ts_parser_delete(m_parser); }

RubyNode RubySyntaxTree::root() const { return {ts_tree_root_node(m_tree), m_source.get()}; }

}  // namespace plumb
