// A JSON text parsed by simdjson, which validates all of it, and written out as a list of
// operations (open an object, a member's string, close...) for only the members a projection
// names: src/member-parser.ts builds the JavaScript value from them. Why native: V8's JSON.parse
// builds every member of a tweet line (its metrics, rules, edit history, entity offsets), and
// that building is most of the decode's cost; a JavaScript scanner that skips members ran no
// faster than JSON.parse (docs/benchmark-history.md), simdjson validates a line in a fraction of
// the time. Each MemberParser (one per thread that makes one) owns its simdjson parser and buffers.
#include <napi.h>

#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

#include "simdjson.h"

namespace {

// Operation kinds; keep in step with src/member-parser.ts.
enum Kind : int32_t {
  kNull = 0,
  kTrue = 1,
  kFalse = 2,
  kNumber = 3,
  kString = 4,
  kObject = 5,
  kArray = 6,
  kEnd = 7,
  kKey = 8,
  kCachedString = 9,    // a string of the cache: its slot
  kStringToCache = 10,  // a new string, kept in the cache at the slot in the kind's upper bits
  kInt32 = 11,          // an integer of int32's range, written in the operation itself
};
// Short strings that come again (times, languages, hashtags, names, reference types) are made once:
// the cache keeps their bytes here and their JavaScript strings in member-parser.ts, slot for slot.
constexpr size_t kCacheSlots = 4096;
constexpr size_t kCachedBytes = 32;
constexpr int32_t kSlotShift = 4;
// An operation's member: the index of a projection name, or one of these.
constexpr int32_t kElement = -1;     // an array's element, or the text's value
constexpr int32_t kKeyBefore = -2;   // the name the preceding kKey operation wrote
constexpr int32_t kWholeMember = 1;  // member flag: kept with everything inside it
constexpr int32_t kKeptMember = 2;   // member flag: kept, its own members projected again
constexpr size_t kBuckets = 256;

class MemberParser : public Napi::ObjectWrap<MemberParser> {
 public:
  static Napi::Function Define(Napi::Env env) {
    return DefineClass(env, "MemberParser", {InstanceMethod("parse", &MemberParser::Parse)});
  }

  // (names: string[], whole: boolean[], ops: Int32Array, numbers: Float64Array, bytes: Uint8Array)
  explicit MemberParser(const Napi::CallbackInfo& info) : Napi::ObjectWrap<MemberParser>(info) {
    Napi::Env env = info.Env();
    if (info.Length() < 5 || !info[0].IsArray() || !info[1].IsArray() || !info[2].IsTypedArray() ||
        !info[3].IsTypedArray() || !info[4].IsTypedArray()) {
      Napi::TypeError::New(env, "MemberParser(names, whole, ops, numbers, bytes)").ThrowAsJavaScriptException();
      return;
    }
    Napi::Array names = info[0].As<Napi::Array>();
    Napi::Array whole = info[1].As<Napi::Array>();
    for (uint32_t i = 0; i < names.Length(); i++) {
      names_.push_back(names.Get(i).As<Napi::String>().Utf8Value());
      flags_.push_back(whole.Get(i).ToBoolean().Value() ? kWholeMember : kKeptMember);
    }
    for (size_t i = 0; i < names_.size(); i++) buckets_[Bucket(names_[i])].push_back(static_cast<int32_t>(i));
    Napi::Int32Array ops = info[2].As<Napi::Int32Array>();
    Napi::Float64Array numbers = info[3].As<Napi::Float64Array>();
    Napi::Uint8Array bytes = info[4].As<Napi::Uint8Array>();
    // The references keep the arrays (and so the memory the pointers below read) alive.
    opsRef_ = Napi::Persistent(ops);
    numbersRef_ = Napi::Persistent(numbers);
    bytesRef_ = Napi::Persistent(bytes);
    ops_ = ops.Data();
    opsCap_ = ops.ElementLength() / 4;
    numbers_ = numbers.Data();
    numbersCap_ = numbers.ElementLength();
    bytes_ = bytes.Data();
    bytesCap_ = bytes.ElementLength();
  }

 private:
  // (bytes: Uint8Array, start: number, end: number): the operations written for bytes[start, end),
  // or -1 when this parser leaves the text to JSON.parse (not valid JSON as simdjson reads it, or
  // more than the buffers hold). simdjson reads up to SIMDJSON_PADDING bytes past a text's end
  // (never using them): a line with that much of its chunk after it is parsed where it lies, any
  // other is copied into a padded buffer first.
  Napi::Value Parse(const Napi::CallbackInfo& info) {
    Napi::Env env = info.Env();
    Napi::Uint8Array bytes = info[0].As<Napi::Uint8Array>();
    double start = info[1].As<Napi::Number>().DoubleValue();
    double end = info[2].As<Napi::Number>().DoubleValue();
    // member-parser.ts passes whole numbers within the array; anything else is refused, never read.
    if (!(start >= 0 && start <= end && end <= static_cast<double>(bytes.ByteLength()))) {
      return Napi::Number::New(env, -1);
    }
    size_t from = static_cast<size_t>(start);
    size_t length = static_cast<size_t>(end) - from;
    if (length > bytesCap_) return Napi::Number::New(env, -1);
    if (bytes.ByteLength() - from - length >= simdjson::SIMDJSON_PADDING) {
      input_ = reinterpret_cast<const char*>(bytes.Data()) + from;
    } else {
      padded_.resize(length + simdjson::SIMDJSON_PADDING);
      std::memcpy(padded_.data(), bytes.Data() + from, length);
      input_ = padded_.data();
    }
    inputLength_ = length;
    // simdjson skips a byte-order mark, which JSON.parse refuses.
    if (length >= 3 && static_cast<uint8_t>(input_[0]) == 0xef && static_cast<uint8_t>(input_[1]) == 0xbb &&
        static_cast<uint8_t>(input_[2]) == 0xbf) {
      return Napi::Number::New(env, -1);
    }
    simdjson::dom::element root;
    if (parser_.parse(input_, length, false).get(root) != simdjson::SUCCESS) {
      return Napi::Number::New(env, -1);
    }
    opCount_ = 0;
    numberCount_ = 0;
    byteCount_ = 0;
    minusZero_ = -1;
    cachedNow_.clear();
    if (!Write(root, kElement, false)) {
      // The operations are dropped, so the strings this parse cached never reach JavaScript's side
      // of the cache: their slots are emptied.
      for (size_t slot : cachedNow_) cache_[slot].length = kEmptySlot;
      return Napi::Number::New(env, -1);
    }
    return Napi::Number::New(env, static_cast<double>(opCount_));
  }

  static size_t Bucket(std::string_view key) {
    if (key.empty()) return 0;
    return (key.size() * 31 + static_cast<uint8_t>(key.front()) * 7 + static_cast<uint8_t>(key.back())) &
           (kBuckets - 1);
  }

  // The projection name `key` is, or -1.
  int32_t Find(std::string_view key) const {
    for (int32_t i : buckets_[Bucket(key)]) {
      if (names_[i] == key) return i;
    }
    return -1;
  }

  // Whether the input holds "-0" followed by no digit, "." or exponent (in a string or not).
  bool MayHoldMinusZero() {
    if (minusZero_ < 0) {
      minusZero_ = 0;
      const char* end = input_ + inputLength_;
      for (const char* at = input_; at + 1 < end; at++) {
        if (at[0] != '-' || at[1] != '0') continue;
        char next = at + 2 < end ? at[2] : ' ';
        if (!((next >= '0' && next <= '9') || next == '.' || next == 'e' || next == 'E')) {
          minusZero_ = 1;
          break;
        }
      }
    }
    return minusZero_ == 1;
  }

  bool Op(int32_t kind, int32_t member, int32_t a, int32_t b) {
    if (opCount_ == opsCap_) return false;
    int32_t* op = ops_ + opCount_ * 4;
    op[0] = kind;
    op[1] = member;
    op[2] = a;
    op[3] = b;
    opCount_++;
    return true;
  }

  // A string value: from the cache when it is there, else written out (and cached when short).
  bool String(int32_t member, std::string_view text) {
    if (text.size() > kCachedBytes) return Bytes(kString, member, text);
    uint32_t hash = HashShort(text);
    size_t slot = hash & (kCacheSlots - 1);
    CachedString& cached = cache_[slot];
    if (cached.length == text.size() && cached.hash == hash &&
        std::memcmp(cached.bytes, text.data(), text.size()) == 0) {
      return Op(kCachedString, member, static_cast<int32_t>(slot), 0);
    }
    if (!Bytes(kStringToCache | static_cast<int32_t>(slot << kSlotShift), member, text)) return false;
    cached.length = static_cast<uint32_t>(text.size());
    cached.hash = hash;
    std::memcpy(cached.bytes, text.data(), text.size());
    cachedNow_.push_back(slot);
    return true;
  }

  // A hash of up to kCachedBytes bytes, eight at a time: it only picks the cache slot (a hit is
  // compared byte for byte), and hashing a byte at a time was a fifth of writing the operations.
  static uint32_t HashShort(std::string_view text) {
    const char* at = text.data();
    size_t left = text.size();
    uint64_t hash = static_cast<uint64_t>(left) * 0x9e3779b97f4a7c15ULL;
    for (; left >= 8; at += 8, left -= 8) {
      uint64_t word;
      std::memcpy(&word, at, 8);
      hash = (hash ^ word) * 0xbf58476d1ce4e5b9ULL;
      hash ^= hash >> 31;
    }
    if (left > 0) {
      uint64_t word = 0;
      std::memcpy(&word, at, left);
      hash = (hash ^ word) * 0x94d049bb133111ebULL;
      hash ^= hash >> 29;
    }
    return static_cast<uint32_t>(hash ^ (hash >> 32));
  }

  bool Bytes(int32_t kind, int32_t member, std::string_view text) {
    if (text.size() > bytesCap_ - byteCount_) return false;
    std::memcpy(bytes_ + byteCount_, text.data(), text.size());
    int32_t from = static_cast<int32_t>(byteCount_);
    byteCount_ += text.size();
    return Op(kind, member, from, static_cast<int32_t>(byteCount_));
  }

  // Writes `value` as member `member`; `whole`: every member of it is kept.
  bool Write(simdjson::dom::element value, int32_t member, bool whole) {
    using simdjson::dom::element_type;
    switch (value.type()) {
      case element_type::OBJECT: {
        if (!Op(kObject, member, 0, 0)) return false;
        // Copied out of the result: a range-for over value_unsafe() would read a destroyed temporary.
        simdjson::dom::object object = value.get_object().value_unsafe();
        for (simdjson::dom::key_value_pair field : object) {
          if (whole) {
            if (!Bytes(kKey, kElement, field.key) || !Write(field.value, kKeyBefore, true)) return false;
            continue;
          }
          int32_t name = Find(field.key);
          if (name < 0) continue;
          if (!Write(field.value, name, flags_[name] == kWholeMember)) return false;
        }
        return Op(kEnd, kElement, 0, 0);
      }
      case element_type::ARRAY: {
        simdjson::dom::array array = value.get_array().value_unsafe();
        // Its length, so JavaScript makes the array to size (where pushing reserved 16 slots).
        if (!Op(kArray, member, static_cast<int32_t>(array.size()), 0)) return false;
        for (simdjson::dom::element item : array) {
          if (!Write(item, kElement, whole)) return false;
        }
        return Op(kEnd, kElement, 0, 0);
      }
      case element_type::STRING:
        return String(member, value.get_string().value_unsafe());
      case element_type::INT64:
      case element_type::UINT64:
      case element_type::DOUBLE: {
        // simdjson reads numbers exactly (integers as such, others correctly rounded), so the
        // double here is the one JSON.parse makes of the same digits.
        if (numberCount_ == numbersCap_) return false;
        double number = 0;
        if (value.type() == element_type::INT64) {
          int64_t integer = value.get_int64().value_unsafe();
          // simdjson reads "-0" as the integer 0, where JSON.parse makes -0: a text that may hold
          // it is left to JSON.parse (looked for only once a kept member is the integer 0).
          if (integer == 0 && MayHoldMinusZero()) return false;
          // Most numbers of a record are counts: written in the operation, JavaScript reads them
          // as small integers, where a double read from `numbers` is boxed as a heap number in
          // every object that holds it (a profile's counts, compared and summed on every join).
          if (integer >= INT32_MIN && integer <= INT32_MAX) {
            return Op(kInt32, member, static_cast<int32_t>(integer), 0);
          }
          number = static_cast<double>(integer);
        } else if (value.type() == element_type::UINT64) {
          number = static_cast<double>(value.get_uint64().value_unsafe());
        } else {
          number = value.get_double().value_unsafe();
        }
        numbers_[numberCount_] = number;
        return Op(kNumber, member, static_cast<int32_t>(numberCount_++), 0);
      }
      case element_type::BOOL:
        return Op(value.get_bool().value_unsafe() ? kTrue : kFalse, member, 0, 0);
      case element_type::NULL_VALUE:
        return Op(kNull, member, 0, 0);
      default:
        return false;
    }
  }

  static constexpr uint32_t kEmptySlot = UINT32_MAX;
  struct CachedString {
    uint32_t length = kEmptySlot;
    uint32_t hash = 0;
    char bytes[kCachedBytes];
  };

  std::vector<CachedString> cache_ = std::vector<CachedString>(kCacheSlots);
  std::vector<size_t> cachedNow_;
  std::vector<std::string> names_;
  std::vector<int32_t> flags_;
  std::vector<int32_t> buckets_[kBuckets];
  simdjson::dom::parser parser_;
  // The text being parsed: in the caller's bytes, or in padded_. Valid during one Parse call.
  const char* input_ = nullptr;
  size_t inputLength_ = 0;
  std::vector<char> padded_;
  int minusZero_ = -1;
  Napi::Reference<Napi::Int32Array> opsRef_;
  Napi::Reference<Napi::Float64Array> numbersRef_;
  Napi::Reference<Napi::Uint8Array> bytesRef_;
  int32_t* ops_ = nullptr;
  size_t opsCap_ = 0;
  size_t opCount_ = 0;
  double* numbers_ = nullptr;
  size_t numbersCap_ = 0;
  size_t numberCount_ = 0;
  uint8_t* bytes_ = nullptr;
  size_t bytesCap_ = 0;
  size_t byteCount_ = 0;
};

Napi::Object Init(Napi::Env env, Napi::Object exports) {
  exports.Set("MemberParser", MemberParser::Define(env));
  exports.Set("CACHE_SLOTS", Napi::Number::New(env, static_cast<double>(kCacheSlots)));
  return exports;
}

}  // namespace

NODE_API_MODULE(member_parser, Init)
