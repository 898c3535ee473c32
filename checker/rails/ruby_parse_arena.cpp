#include "rails/ruby_parse_arena.hpp"

#include <tree_sitter/api.h>

#include <cstdlib>
#include <cstring>
#include <mutex>
#include <vector>

namespace plumb {
namespace {

// Each allocation is preceded by its size (realloc needs it), in 16 bytes so
// that what follows keeps malloc's alignment.
constexpr std::size_t k_header = 16;
constexpr std::size_t k_block_size = std::size_t{1} << 20;

struct Block {
  char* start;
  std::size_t size;
};

struct Arena {
  std::vector<Block> blocks;  // kept from file to file
  std::size_t current = 0;    // the block being filled
  std::size_t used = 0;       // bytes of it handed out
  int depth = 0;              // open scopes on this thread

  ~Arena() {
    for (const Block& block : blocks) std::free(block.start);
  }

  bool owns(const void* pointer) const {
    const char* at = static_cast<const char*>(pointer);
    for (const Block& block : blocks)
      if (at >= block.start && at < block.start + block.size) return true;
    return false;
  }

  void* allocate(std::size_t size) {
    const std::size_t need = k_header + ((size + 15) & ~std::size_t{15});
    if (current >= blocks.size() || used + need > blocks[current].size) next_block(need);
    char* at = blocks[current].start + used;
    used += need;
    std::memcpy(at, &size, sizeof size);
    return at + k_header;
  }

  // The next kept block big enough, else a new one.
  void next_block(std::size_t need) {
    if (current < blocks.size()) ++current;
    while (current < blocks.size() && blocks[current].size < need) ++current;
    if (current == blocks.size()) {
      const std::size_t size = need > k_block_size ? need : k_block_size;
      char* start = static_cast<char*>(std::malloc(size));
      if (start == nullptr) std::abort();  // what tree-sitter's own allocator does
      blocks.push_back({start, size});
    }
    used = 0;
  }

  static std::size_t size_of(const void* pointer) {
    std::size_t size;
    std::memcpy(&size, static_cast<const char*>(pointer) - k_header, sizeof size);
    return size;
  }

  void* reallocate(void* pointer, std::size_t size) {
    const std::size_t old_size = size_of(pointer);
    char* end = blocks[current].start + used;
    const std::size_t old_need = (old_size + 15) & ~std::size_t{15};
    const std::size_t new_need = (size + 15) & ~std::size_t{15};
    // The last allocation grows in place (tree-sitter's arrays double).
    if (static_cast<char*>(pointer) + old_need == end && used - old_need + new_need <= blocks[current].size) {
      used = used - old_need + new_need;
      std::memcpy(static_cast<char*>(pointer) - k_header, &size, sizeof size);
      return pointer;
    }
    void* moved = allocate(size);
    std::memcpy(moved, pointer, old_size < size ? old_size : size);
    return moved;
  }
};

thread_local Arena t_arena;

void* arena_malloc(std::size_t size) {
  if (t_arena.depth == 0) {
    void* pointer = std::malloc(size);
    if (pointer == nullptr) std::abort();
    return pointer;
  }
  return t_arena.allocate(size);
}

void* arena_calloc(std::size_t count, std::size_t size) {
  if (t_arena.depth == 0) {
    void* pointer = std::calloc(count, size);
    if (pointer == nullptr) std::abort();
    return pointer;
  }
  void* pointer = t_arena.allocate(count * size);
  std::memset(pointer, 0, count * size);
  return pointer;
}

void* arena_realloc(void* pointer, std::size_t size) {
  if (pointer == nullptr) return arena_malloc(size);
  if (!t_arena.owns(pointer)) {
    void* moved = std::realloc(pointer, size);
    if (moved == nullptr) std::abort();
    return moved;
  }
  if (t_arena.depth > 0) return t_arena.reallocate(pointer, size);
  // Arena memory outlived its scope: a bug, but copying out keeps it safe.
  void* moved = arena_malloc(size);
  const std::size_t old_size = Arena::size_of(pointer);
  std::memcpy(moved, pointer, old_size < size ? old_size : size);
  return moved;
}

void arena_free(void* pointer) {
  if (pointer != nullptr && !t_arena.owns(pointer)) std::free(pointer);
}

}  // namespace

RubyParseArena::RubyParseArena() {
  // The functions above free what malloc gave as well as arena memory, so
  // installing them while tree-sitter objects exist is safe.
  static std::once_flag installed;
  std::call_once(installed, [] { ts_set_allocator(arena_malloc, arena_calloc, arena_realloc, arena_free); });
  ++t_arena.depth;
}

RubyParseArena::~RubyParseArena() {
  if (--t_arena.depth > 0) return;
  t_arena.current = 0;
  t_arena.used = 0;
}

}  // namespace plumb
