// disclosure_bench: how long the disclosure control (store/audit/disclosure.h
// Protect: rounding every cell, summing into the groups and auditing every
// figure) takes for a report over a million step visits. A benchmark, not
// a test: it prints figures and never fails on time. No database: the
// cells are made here, as the report's cell statement would return them.
//
//   disclosure_bench [--visits N] [--cells C] [--runs R]
//
// Default: 1 000 000 visits spread over 6 720 cells (8 services x 5 units
// x 12 steps x 14 months), reported by service,unit (40 groups) and in
// other groupings; then the same visits over 100 000 cells (most of them
// small), the hard case for both time and accuracy. Prints, per grouping,
// the groups, the fastest and median time, and how far the published
// visits are from the true ones (mean absolute error per group).
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <ctime>
#include <iostream>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "store/audit/disclosure.h"

namespace stafett::store {
namespace {

std::vector<Cell> MakeCells(long long visits, long long cells) {
  std::mt19937_64 rng(42);
  std::vector<Cell> out;
  const int services = 8, units = 5, steps = 12;
  const long long months =
      std::max<long long>(1, cells / (services * units * steps));
  for (long long i = 0; i < cells; ++i) {
    Cell c;
    c.key.service = "svc" + std::to_string(i % services);
    c.key.unit = "unit" + std::to_string((i / services) % units);
    c.key.step = "step" + std::to_string((i / (services * units)) % steps);
    c.key.routine_id = "bti";
    c.key.level = static_cast<int>((i / (services * units)) % steps) % 4;
    c.key.routine_version =
        1 + static_cast<int>(i / (services * units * steps * months));
    c.key.month = AddMonths(
        {2024, 1}, static_cast<int>((i / (services * units * steps)) % months));
    if (((i / (services * units)) % steps) % 3 != 2) {
      c.tags = {1 + static_cast<int>(((i / (services * units)) % steps) % 7)};
    }
    out.push_back(c);
  }
  std::uniform_int_distribution<long long> pick(0, cells - 1);
  for (long long v = 0; v < visits; ++v) {
    Cell& c = out[static_cast<std::size_t>(pick(rng))];
    ++c.n[kVisits];
    if (v % 10 != 0) ++c.n[kCompleted];
    if (v % 3 != 0) ++c.n[kDecided];
    if (v % 4 == 1) ++c.n[kLeftOnTime];
    if (v % 97 == 0) ++c.n[kOverdueNow];
    if (v % 7 == 0) ++c.n[kLevelUp];
    if (v % 11 == 0) ++c.n[kLevelDown];
    if (v % 131 == 0) ++c.n[kWithoutBatonHolder];
    if (v % 1000 == 0) ++c.n[kConsentsExpired];
    if (v % 1000 == 1) ++c.n[kChildWelfareReports];
    if (v % 2000 == 1) ++c.n[kChildWelfareConfirmedSameDay];
  }
  return out;
}

void Run(const std::vector<Cell>& cells, int runs) {
  const std::vector<std::string> groupings = {"service,unit",
                                              "",
                                              "month",
                                              "step",
                                              "service,month",
                                              "sjumilssteget",
                                              "year,sjumilssteget"};
  for (const auto& g : groupings) {
    const std::vector<ReportDim> dims = *ParseGroupBy(g);
    // The true visits per group, for the error figure.
    std::map<std::vector<std::string>, long long> truth;
    for (const Cell& c : cells) {
      for (const auto& key : GroupKeysOf(dims, c.key, c.tags)) {
        truth[key] += c.n[kVisits];
      }
    }
    // Wall time, and CPU time of this process (the machine may be shared).
    std::vector<long long> times, cpu;
    ProtectedTable t;
    for (int r = 0; r < runs; ++r) {
      auto t0 = std::chrono::steady_clock::now();
      const std::clock_t c0 = std::clock();
      t = Protect(dims, {}, {}, cells, "bench-secret", kDefaultMinCount);
      cpu.push_back(static_cast<long long>(std::clock() - c0) * 1000000 /
                    CLOCKS_PER_SEC);
      times.push_back(std::chrono::duration_cast<std::chrono::microseconds>(
                          std::chrono::steady_clock::now() - t0)
                          .count());
    }
    std::sort(times.begin(), times.end());
    std::sort(cpu.begin(), cpu.end());
    double error = 0;
    for (const auto& pg : t.groups) {
      error += std::abs(static_cast<double>(
          pg.published.counts[kVisits].value.value_or(0) - truth[pg.key]));
    }
    const double mean_true = t.groups.empty() ? 0.0 : [&] {
      double s = 0;
      for (const auto& [k, v] : truth) s += static_cast<double>(v);
      return s / static_cast<double>(truth.size());
    }();
    std::cout << "  group_by=" << (g.empty() ? "(none)" : g) << ": "
              << t.groups.size() << " groups, best " << times.front() / 1000.0
              << " ms, median " << times[times.size() / 2] / 1000.0
              << " ms (cpu median " << cpu[cpu.size() / 2] / 1000.0
              << " ms), withheld " << t.suppressed_cells
              << ", mean |published - true| visits per group "
              << (t.groups.empty()
                      ? 0.0
                      : error / static_cast<double>(t.groups.size()))
              << " (true mean " << mean_true << ")\n";
  }
}

int Main(int argc, char** argv) {
  long long visits = 1'000'000, cells = 6'720;
  int runs = 5;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--visits" && i + 1 < argc) {
      visits = std::atoll(argv[++i]);
    } else if (a == "--cells" && i + 1 < argc) {
      cells = std::max(1LL, std::atoll(argv[++i]));
    } else if (a == "--runs" && i + 1 < argc) {
      runs = std::max(1, std::atoi(argv[++i]));
    } else {
      std::cerr << "usage: disclosure_bench [--visits N] [--cells C] "
                   "[--runs R]\n";
      return 2;
    }
  }
  for (long long c : {cells, 100'000LL}) {
    std::cout << visits << " visits over " << c << " cells, " << runs
              << " runs per grouping\n";
    Run(MakeCells(visits, c), runs);
  }
  return 0;
}

}  // namespace
}  // namespace stafett::store

int main(int argc, char** argv) { return stafett::store::Main(argc, argv); }
