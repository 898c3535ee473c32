#include "rails/ruby_syntax_tree.hpp"

#include <cstring>
#include <stdexcept>

extern "C" const TSLanguage* tree_sitter_ruby(void);

namespace plumb {
namespace {

// One parser per thread, reused: creating one allocates its stacks, and an
// app has thousands of model files.
TSParser* shared_parser() {
  struct Owner {
    TSParser* parser = ts_parser_new();
    ~Owner() { ts_parser_delete(parser); }
  };
  thread_local Owner owner;
  thread_local bool ready = false;
  if (!ready) {
    if (!ts_parser_set_language(owner.parser, tree_sitter_ruby()))
      throw std::runtime_error("the Ruby grammar's ABI is not one this tree-sitter runtime loads");
    ready = true;
  }
  return owner.parser;
}

}  // namespace

RubyNode RubyNode::field(const char* name) const {
  if (null()) return {};
  return {ts_node_child_by_field_name(m_node, name, static_cast<uint32_t>(std::strlen(name))), m_source};
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

std::string_view RubyNode::text() const {
  if (null()) return {};
  const uint32_t start = ts_node_start_byte(m_node);
  const uint32_t end = ts_node_end_byte(m_node);
  return std::string_view(*m_source).substr(start, end - start);
}

RubySyntaxTree::RubySyntaxTree(std::string source) : m_source(std::make_unique<std::string>(std::move(source))) {
  TSParser* parser = shared_parser();
  m_tree = ts_parser_parse_string(parser, nullptr, m_source->data(), static_cast<uint32_t>(m_source->size()));
  if (m_tree == nullptr) throw std::runtime_error("tree-sitter gave no tree");
}

RubySyntaxTree::~RubySyntaxTree() { ts_tree_delete(m_tree); }

RubyNode RubySyntaxTree::root() const { return {ts_tree_root_node(m_tree), m_source.get()}; }

}  // namespace plumb
