// Fuzz target for the record decoders (the bytes LMDB hands back): a corrupt
// value must end in arctl::Error, never a crash, an out-of-bounds read or an
// allocation sized by a length field; what decodes must re-encode stably and
// render as JSON the way `arctl show` and `arctl log` do.
#include <cstdint>
#include <string>
#include <string_view>

#include "arctl/error.hpp"
#include "fuzz_support.hpp"
#include "ledger/records.hpp"

namespace arctl::fuzz {
namespace {

// decode(encode(decode(bytes))) must encode to the same bytes again: the
// codec loses nothing that it accepted.
template <typename Decode>
void check_stable(BytesView bytes, Decode&& decode) {
  const auto once = records::encode(decode(bytes));
  const auto twice = records::encode(decode(once));
  require(once == twice, "re-encoding a decoded record is not stable");
}

// A record that decodes must re-encode stably and render as JSON.
template <typename Decode>
void decode_and_render(BytesView bytes, Decode&& decode) {
  check_stable(bytes, decode);
  to_json(decode(bytes));
}

void decode_one(std::uint8_t selector, BytesView value, std::uint8_t split) {
  switch (selector % 7) {
    case 0:
      decode_and_render(value, records::decode_customer);
      break;
    case 1:
      decode_and_render(value, records::decode_document);
      break;
    case 2:
      decode_and_render(value, records::decode_application);
      break;
    case 3:
      decode_and_render(value, records::decode_balance);
      break;
    case 4: {
      check_stable(value, records::decode_journal);
      const auto entry = records::decode_journal(value);
      entry.to_json();
      entry.compute_hash();
      break;
    }
    case 5:
      check_stable(value, records::decode_head);
      break;
    default: {
      // An open-items index row is a key and a value: split the bytes in two.
      const auto at = std::min<std::size_t>(split, value.size());
      records::decode_open_item(value.substr(0, at), value.substr(at));
      break;
    }
  }
}

}  // namespace
}  // namespace arctl::fuzz

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 2) return 0;
  const arctl::BytesView value(reinterpret_cast<const char*>(data + 2), size - 2);
  try {
    arctl::fuzz::decode_one(data[0], value, data[1]);
  } catch (const arctl::Error&) {
    // The one acceptable outcome for corrupt bytes.
  }
  return 0;
}
