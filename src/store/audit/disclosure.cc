#include "store/audit/disclosure.h"

#include <algorithm>
#include <map>
#include <unordered_map>

#include "core/sha256.h"

namespace stafett::store {

namespace {

std::uint64_t SplitMix64(std::uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

// SipHash-2-4 (Aumasson and Bernstein): a keyed pseudo-random function
// made for short inputs, about a hundred times cheaper than an HMAC, which
// matters at a hundred thousand cells per report.
std::uint64_t Rotl(std::uint64_t x, int b) {
  return (x << b) | (x >> (64 - b));
}

struct SipKey {
  std::uint64_t k0 = 0, k1 = 0;
};

SipKey KeyOf(std::string_view secret) {
  const auto h = Sha256(secret);
  SipKey k;
  for (int i = 7; i >= 0; --i) {
    k.k0 = (k.k0 << 8) | h[static_cast<std::size_t>(i)];
    k.k1 = (k.k1 << 8) | h[static_cast<std::size_t>(8 + i)];
  }
  return k;
}

std::uint64_t SipHash24(const SipKey& key, std::string_view in) {
  std::uint64_t v0 = 0x736f6d6570736575ULL ^ key.k0;
  std::uint64_t v1 = 0x646f72616e646f6dULL ^ key.k1;
  std::uint64_t v2 = 0x6c7967656e657261ULL ^ key.k0;
  std::uint64_t v3 = 0x7465646279746573ULL ^ key.k1;
  auto round = [&] {
    v0 += v1;
    v1 = Rotl(v1, 13);
    v1 ^= v0;
    v0 = Rotl(v0, 32);
    v2 += v3;
    v3 = Rotl(v3, 16);
    v3 ^= v2;
    v0 += v3;
    v3 = Rotl(v3, 21);
    v3 ^= v0;
    v2 += v1;
    v1 = Rotl(v1, 17);
    v1 ^= v2;
    v2 = Rotl(v2, 32);
  };
  const std::size_t n = in.size();
  std::size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    std::uint64_t m = 0;
    for (int b = 7; b >= 0; --b) {
      m = (m << 8) |
          static_cast<unsigned char>(in[i + static_cast<std::size_t>(b)]);
    }
    v3 ^= m;
    round();
    round();
    v0 ^= m;
  }
  std::uint64_t last = static_cast<std::uint64_t>(n & 0xff) << 56;
  for (std::size_t b = 0; i + b < n; ++b) {
    last |= static_cast<std::uint64_t>(static_cast<unsigned char>(in[i + b]))
            << (8 * b);
  }
  v3 ^= last;
  round();
  round();
  v0 ^= last;
  v2 ^= 0xff;
  round();
  round();
  round();
  round();
  return v0 ^ v1 ^ v2 ^ v3;
}

void AddRange(Range& acc, const Range& r) {
  acc.lo += r.lo;
  acc.hi += r.hi;
}

// One group (or the total) being summed from its cells.
struct Sum {
  std::array<std::int64_t, kFigureCount> rounded{};
  std::array<FigureAudit, kFigureCount> audit{};
};

PublishedGroup Derive(const Sum& s, const HourHistogram* hours, int t,
                      int& withheld) {
  PublishedGroup p;
  for (int f = 0; f < kFigureCount; ++f) {
    if (AuditPasses(s.audit[f], t)) {
      p.counts[f].value = s.rounded[f];
    } else {
      p.counts[f].why = Suppression::kSecondary;
      ++withheld;
    }
  }
  const auto& decided = p.counts[kDecided].value;
  const auto& on_time = p.counts[kLeftOnTime].value;
  if (decided && on_time && *decided > 0) {
    // Half up, from the published counts only.
    p.on_time_percent = std::min<std::int64_t>(
        100, (200 * *on_time + *decided) / (2 * *decided));
  }
  // Shown only when the published count alone proves at least t+1
  // completed visits (a published 2t means at least t+1 for any
  // threshold), so whether they are shown says nothing the counts don't.
  const auto& completed = p.counts[kCompleted].value;
  const std::int64_t need = t > 1 ? 2 * std::int64_t{t} : 1;
  if (hours != nullptr && completed && *completed >= need) {
    p.median_hours = NearestRankPercentile(*hours, 50);
    p.p90_hours = NearestRankPercentile(*hours, 90);
  }
  return p;
}

}  // namespace

std::string CellId(const CellKey& k) {
  std::string id;
  for (const std::string* part :
       {&k.service, &k.unit, &k.routine_id, &k.step}) {
    id += *part;
    id += '\x1f';
  }
  id += std::to_string(k.level);
  id += '\x1f';
  id += std::to_string(k.routine_version);
  id += '\x1f';
  id += FormatYearMonth(k.month);
  return id;
}

std::vector<std::vector<std::string>> GroupKeysOf(
    const std::vector<ReportDim>& dims, const CellKey& k,
    const std::vector<int>& tags) {
  std::vector<std::string> key;
  int tag_at = -1;
  for (ReportDim d : dims) {
    switch (d) {
      case ReportDim::kService:
        key.push_back(k.service);
        break;
      case ReportDim::kUnit:
        key.push_back(k.unit);
        break;
      case ReportDim::kStep:
        key.push_back(k.step);
        break;
      case ReportDim::kLevel:
        key.push_back(std::to_string(k.level));
        break;
      case ReportDim::kRoutineVersion:
        key.push_back(std::to_string(k.routine_version));
        break;
      case ReportDim::kSjumilssteget:
        tag_at = static_cast<int>(key.size());
        key.emplace_back();
        break;
      case ReportDim::kMonth:
        key.push_back(FormatYearMonth(k.month));
        break;
      case ReportDim::kYear:
        key.push_back(std::to_string(k.month.year));
        break;
    }
  }
  if (tag_at < 0 || tags.empty()) return {key};
  std::vector<std::vector<std::string>> keys;
  for (int tag : tags) {
    key[static_cast<std::size_t>(tag_at)] = std::to_string(tag);
    keys.push_back(key);
  }
  return keys;
}

std::uint64_t SipHash24ForTest(std::string_view key16, std::string_view in) {
  SipKey k;
  for (int i = 7; i >= 0; --i) {
    k.k0 = (k.k0 << 8) |
           static_cast<unsigned char>(key16[static_cast<std::size_t>(i)]);
    k.k1 = (k.k1 << 8) |
           static_cast<unsigned char>(key16[static_cast<std::size_t>(8 + i)]);
  }
  return SipHash24(k, in);
}

namespace {

std::array<int, kFigureCount> Thresholds(const SipKey& key,
                                         const std::string& cell_id, int t) {
  std::array<int, kFigureCount> u{};
  if (t <= 1) return u;
  const std::uint64_t seed = SipHash24(key, cell_id);
  for (int f = 0; f < kFigureCount; ++f) {
    u[f] = static_cast<int>(SplitMix64(seed + static_cast<std::uint64_t>(f) *
                                                  0x632be59bd9b4e019ULL) %
                            static_cast<std::uint64_t>(t));
  }
  return u;
}

}  // namespace

std::array<int, kFigureCount> CellThresholds(std::string_view secret,
                                             const std::string& cell_id,
                                             int t) {
  return Thresholds(KeyOf(secret), cell_id, t);
}

std::int64_t RoundCount(std::int64_t x, int u, int t) {
  if (t <= 1 || x <= 0) return std::max<std::int64_t>(x, 0);
  const std::int64_t down = x / t * t;
  return x % t > u ? down + t : down;
}

Range ConsistentWithKey(std::int64_t r, int u, int t) {
  if (t <= 1) return {r, r};
  if (r <= 0) return {0, u};
  return {r - t + u + 1, r + u};
}

Range ConsistentWithoutKey(std::int64_t r, int t) {
  if (t <= 1) return {r, r};
  if (r <= 0) return {0, t - 1};
  return {r - t + 1, r + t - 1};
}

bool AuditPasses(const FigureAudit& a, int t) {
  if (t <= 1) return true;
  const bool pinned_small = a.with_key.lo == a.with_key.hi &&
                            a.with_key.lo >= 1 && a.with_key.lo <= t - 1;
  const bool open = a.without_key.lo == 0 || a.without_key.hi >= t;
  return !pinned_small && open;
}

ProtectedTable Protect(const std::vector<ReportDim>& dims,
                       const std::vector<RawGroup>& groups,
                       const GroupCounts& total, const std::vector<Cell>& cells,
                       std::string_view secret, int min_count) {
  const int t = std::max(1, min_count);
  const SipKey key = KeyOf(secret);
  // Groups by their joined key; a hash map, since a report may have a
  // hundred thousand cells.
  std::unordered_map<std::string, std::size_t> index;
  std::vector<std::pair<std::vector<std::string>, Sum>> sums;
  std::string joined;
  Sum all;
  for (const Cell& c : cells) {
    const auto u = Thresholds(key, CellId(c.key), t);
    Sum one;
    for (int f = 0; f < kFigureCount; ++f) {
      const std::int64_t r = RoundCount(c.n[f], u[f], t);
      one.rounded[f] = r;
      one.audit[f].with_key = ConsistentWithKey(r, u[f], t);
      one.audit[f].without_key = ConsistentWithoutKey(r, t);
    }
    auto add = [&](Sum& into) {
      for (int f = 0; f < kFigureCount; ++f) {
        into.rounded[f] += one.rounded[f];
        AddRange(into.audit[f].with_key, one.audit[f].with_key);
        AddRange(into.audit[f].without_key, one.audit[f].without_key);
      }
    };
    for (auto& key : GroupKeysOf(dims, c.key, c.tags)) {
      joined.clear();
      for (const auto& part : key) {
        joined += part;
        joined += '\x1f';
      }
      auto [it, fresh] = index.try_emplace(joined, sums.size());
      if (fresh) sums.emplace_back(std::move(key), Sum{});
      add(sums[it->second].second);
    }
    add(all);
  }

  std::map<std::vector<std::string>, const HourHistogram*> hours;
  for (const RawGroup& g : groups) hours[g.key] = &g.counts.hours;

  ProtectedTable out;
  int withheld = 0;
  for (const auto& [key, sum] : sums) {
    // Listed only when something published is not 0: which groups appear
    // is then a function of the rounded cells too.
    if (std::all_of(sum.rounded.begin(), sum.rounded.end(),
                    [](std::int64_t r) { return r == 0; })) {
      continue;
    }
    auto h = hours.find(key);
    out.groups.push_back(
        {key,
         Derive(sum, h == hours.end() ? nullptr : h->second, t, withheld)});
  }
  std::sort(out.groups.begin(), out.groups.end(),
            [&](const ProtectedGroup& a, const ProtectedGroup& b) {
              return GroupKeyLess(dims, a.key, b.key);
            });
  out.total = Derive(all, &total.hours, t, withheld);
  out.suppressed_cells = withheld;
  return out;
}

}  // namespace stafett::store
