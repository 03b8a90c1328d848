// Loading files and sets of files (loader.cc), the shipped routines under
// workflows/, and the content hash cases are pinned to.
#include "routine/loader.h"

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include <gtest/gtest.h>
#include <unistd.h>

#include "core/sha256.h"
#include "routine/test_fixtures.h"

namespace stafett::routine {
namespace {

namespace fs = std::filesystem;
using testing::Fixture;
using testing::kStart;

const std::string kWorkflows = std::string(STAFETT_SOURCE_DIR) + "/workflows";

std::string ReadAll(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::shared_ptr<const Routine> Shipped(const std::string& name) {
  LoadResult r = LoadRoutineFile(kWorkflows + "/" + name);
  std::string all;
  for (const auto& d : r.diagnostics) all += d.ToString() + "\n";
  EXPECT_TRUE(r.ok()) << all;
  return r.routine;
}

// A scratch directory, removed afterwards.
class TempDir {
 public:
  TempDir() {
    path_ = fs::temp_directory_path() /
            ("stafett-routine-test-" + std::to_string(::getpid()) + "-" +
             std::to_string(counter_++));
    fs::create_directories(path_);
  }
  ~TempDir() { fs::remove_all(path_); }
  std::string Write(const std::string& name, const std::string& text) const {
    std::string p = (path_ / name).string();
    std::ofstream(p, std::ios::binary) << text;
    return p;
  }
  std::string path() const { return path_.string(); }

 private:
  static inline int counter_ = 0;
  fs::path path_;
};

std::string WithHead(const std::string& routine, int version,
                     const std::string& tenant, const std::string& prefix) {
  std::string head(testing::kHead);
  head.replace(0, head.find('\n'), "routine: " + routine);
  auto swap = [&](const std::string& from, const std::string& to) {
    head.replace(head.find(from), from.size(), to);
  };
  swap("version: 1", "version: " + std::to_string(version));
  swap("tenant: t", "tenant: " + tenant);
  swap("reference_prefix: TT", "reference_prefix: " + prefix);
  return Fixture(kStart, head);
}

TEST(LoaderTest, EveryShippedRoutineLoadsWithoutDiagnostics) {
  std::vector<LoadResult> all = LoadRoutineDir(kWorkflows);
  ASSERT_GE(all.size(), 3u);
  std::set<std::string> tenants;
  for (const auto& r : all) {
    for (const auto& d : r.diagnostics) ADD_FAILURE() << d.ToString();
    ASSERT_TRUE(r.ok());
    tenants.insert(r.routine->tenant);
  }
  EXPECT_TRUE(tenants.count("demo") && tenants.count("nesseby") &&
              tenants.count("storby"));
}

TEST(LoaderTest, TheReadmeExampleIsAValidRoutine) {
  // The worked example is the last ```yaml block of workflows/README.md.
  std::string readme = ReadAll(kWorkflows + "/README.md");
  std::size_t start = readme.rfind("```yaml\n");
  ASSERT_NE(start, std::string::npos);
  start += 8;
  std::string example = readme.substr(start, readme.find("```", start) - start);
  LoadResult r = LoadRoutineText(example, "README.md");
  ASSERT_TRUE(r.ok()) << r.diagnostics.front().ToString();
  std::set<StepKind> kinds;
  for (const auto& s : r.routine->steps) kinds.insert(s.kind);
  EXPECT_EQ(kinds.size(), 6u) << "the example should show every step kind";
}

TEST(LoaderTest, BtiHasEveryStepKindAndLevelAndMovesBothWays) {
  auto r = Shipped("bti.yaml");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->tenant, "demo");
  EXPECT_EQ(r->reference_prefix, "DEMO");
  std::set<StepKind> kinds;
  std::set<int> levels;
  bool up = false, down = false;
  for (const auto& s : r->steps) {
    kinds.insert(s.kind);
    levels.insert(s.level);
    for (const auto& o : s.outcomes) {
      const Step* to = r->FindStep(o.to);
      if (to->kind == StepKind::kClosed) continue;
      up = up || to->level > s.level;
      down = down || to->level < s.level;
    }
  }
  EXPECT_EQ(kinds.size(), 6u);
  EXPECT_EQ(levels, (std::set<int>{0, 1, 2, 3}));
  EXPECT_TRUE(up);
  EXPECT_TRUE(down);

  // The sources' deadline: decide within 14 days of the concern.
  EXPECT_EQ(r->FindStep(r->initial)->deadline.ToString(), "P14D");

  std::set<ServiceKind> services;
  for (const auto& s : r->services) services.insert(s.kind);
  for (ServiceKind k :
       {ServiceKind::kKindergarten, ServiceKind::kSchool, ServiceKind::kHealth,
        ServiceKind::kPpt, ServiceKind::kChildWelfare, ServiceKind::kNav}) {
    EXPECT_TRUE(services.count(k)) << ServiceKindName(k);
  }
}

TEST(LoaderTest, BtiTagsTheChildsVoiceTheAbuseShortcutAndTheIndividualPlan) {
  auto r = Shipped("bti.yaml");
  ASSERT_TRUE(r);
  auto tagged = [&](int step, int article) {
    for (const auto& s : r->steps) {
      bool has_step = std::find(s.sjumilssteget.begin(), s.sjumilssteget.end(),
                                step) != s.sjumilssteget.end();
      bool has_article =
          std::find(s.uncrc.begin(), s.uncrc.end(), article) != s.uncrc.end();
      if (has_step && has_article) return true;
    }
    return false;
  };
  EXPECT_TRUE(tagged(1, 12));  // medbestemmelse: the child's voice
  EXPECT_TRUE(tagged(4, 19));  // vern mot overgrep
  EXPECT_TRUE(tagged(5, 23));  // fullverdig liv: individual plan
  const Step* abuse = r->FindStep(r->abuse_step);
  ASSERT_NE(abuse, nullptr);
  EXPECT_EQ(abuse->sjumilssteget, std::vector<int>{4});
  EXPECT_EQ(abuse->uncrc, std::vector<int>{19});
}

const FieldSpec* FindField(const std::vector<FieldSpec>& fields,
                           const std::string& name) {
  for (const auto& f : fields) {
    if (f.name == name) return &f;
  }
  return nullptr;
}

TEST(LoaderTest, ShippedRoutinesRecordMeasuresAndHearTheChildBeforeEvaluation) {
  for (const char* name : {"bti.yaml", "nesseby.yaml", "storby.yaml"}) {
    SCOPED_TRACE(name);
    auto r = Shipped(name);
    ASSERT_TRUE(r);
    bool measures = false;
    for (const auto& s : r->steps) {
      for (const auto& o : s.outcomes) {
        const Step* to = r->FindStep(o.to);
        // A measure: text, a responsible service and an evaluation date.
        const FieldSpec* m = FindField(o.fields, "measure");
        if (m) {
          measures = true;
          EXPECT_EQ(m->type, FieldType::kText);
          const FieldSpec* who = FindField(o.fields, "measure_responsible");
          const FieldSpec* when = FindField(o.fields, "evaluation_date");
          ASSERT_TRUE(who && when) << s.id << " -> " << o.name;
          EXPECT_EQ(who->type, FieldType::kService);
          EXPECT_EQ(when->type, FieldType::kDate);
          // Issue 12: the fields mean something: a measure object.
          EXPECT_EQ(m->role, FieldRole::kMeasure);
          EXPECT_EQ(who->role, FieldRole::kMeasureOwner);
          EXPECT_EQ(when->role, FieldRole::kEvaluationDate);
        }
        // Entering an evaluation from measures needs the child's own view.
        if (to->kind == StepKind::kEvaluation && s.kind == StepKind::kAction) {
          EXPECT_TRUE(FindField(o.fields, "child_view") ||
                      FindField(s.fields, "child_view"))
              << s.id << " -> " << o.to;
        }
      }
    }
    EXPECT_TRUE(measures);
  }
}

TEST(LoaderTest, NessebyIsBilingualWithATidligInnsatsTeam) {
  auto r = Shipped("nesseby.yaml");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->tenant, "nesseby");
  EXPECT_EQ(r->reference_prefix, "NES");
  EXPECT_NE(r->title.Get("se").find("Unjárgga gielda"), std::string::npos);
  bool team = false, observation = false;
  for (const auto& s : r->steps) {
    EXPECT_FALSE(s.title.Get("se").empty()) << s.id;
    EXPECT_NE(s.title.Get("se"), s.title.Get("nb"))
        << s.id << " has no Sami title";
    team = team ||
           (s.kind == StepKind::kTeamMeeting && s.id == "tidlig_innsats_team");
    observation =
        observation || (s.kind == StepKind::kObservation &&
                        s.id.find("tverrfaglig") != std::string::npos);
  }
  EXPECT_TRUE(team);
  EXPECT_TRUE(observation);
}

TEST(LoaderTest,
     StorbyDecidesWithin14DaysWithSeparateKindergartenAndSchoolFlows) {
  auto r = Shipped("storby.yaml");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->tenant, "storby");
  EXPECT_EQ(r->reference_prefix, "STB");
  std::set<ServiceKind> routed_to;
  for (const auto& o : r->FindStep(r->initial)->outcomes) {
    const Step* to = r->FindStep(o.to);
    ASSERT_EQ(to->responsible.kind, Responsible::Kind::kService);
    routed_to.insert(r->FindService(to->responsible.service)->kind);
    EXPECT_EQ(to->deadline.kind, DeadlineSpec::Kind::kCalendar);
    EXPECT_EQ(to->deadline.duration.ToString(), "P14D");
  }
  EXPECT_EQ(routed_to, (std::set<ServiceKind>{ServiceKind::kKindergarten,
                                              ServiceKind::kSchool}));
}

TEST(LoaderTest, HashIsTheSha256OfTheBytesAndTheBytesAreKept) {
  const std::string text = Fixture(kStart);
  LoadResult a = LoadRoutineText(text, "a.yaml");
  LoadResult b = LoadRoutineText(text, "b.yaml");
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_EQ(a.routine->hash, b.routine->hash);
  EXPECT_EQ(a.routine->hash, Sha256Hex(text));
  EXPECT_EQ(a.routine->hash.size(), 64u);
  EXPECT_EQ(a.routine->source_text, text);

  // One byte changed, even in a comment, is another routine version.
  std::string changed = text + "#\n";
  LoadResult c = LoadRoutineText(changed, "c.yaml");
  ASSERT_TRUE(c.ok());
  EXPECT_NE(c.routine->hash, a.routine->hash);
  std::string flipped = text;
  flipped.replace(flipped.find("title: T"), 8, "title: U");
  LoadResult d = LoadRoutineText(flipped, "d.yaml");
  ASSERT_TRUE(d.ok());
  EXPECT_NE(d.routine->hash, a.routine->hash);
}

TEST(LoaderTest, ShippedFileHashMatchesItsBytes) {
  const std::string path = kWorkflows + "/nesseby.yaml";
  LoadResult r = LoadRoutineFile(path);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.routine->hash, Sha256Hex(ReadAll(path)));
  EXPECT_EQ(r.routine->source_name, path);
}

TEST(LoaderTest, AnUnreadableFileIsOneDiagnosticAtZeroZero) {
  LoadResult r = LoadRoutineFile("/nonexistent/rutine.yaml");
  ASSERT_EQ(r.diagnostics.size(), 1u);
  EXPECT_EQ(r.diagnostics[0].ToString(),
            "/nonexistent/rutine.yaml:0:0: kan ikke lese filen");
  EXPECT_FALSE(LoadRoutineFile(STAFETT_SOURCE_DIR).ok());  // a directory
  std::vector<LoadResult> dir = LoadRoutineDir("/nonexistent");
  ASSERT_EQ(dir.size(), 1u);
  EXPECT_FALSE(dir[0].ok());
}

TEST(LoaderTest, DirectoryLoadsOnlyRoutineFilesSortedByName) {
  TempDir dir;
  dir.Write("b.yaml", WithHead("b", 1, "bb", "BB"));
  dir.Write("a.yml", WithHead("a", 1, "aa", "AA"));
  dir.Write("notes.txt", "not a routine");
  std::vector<LoadResult> all = LoadRoutineDir(dir.path());
  ASSERT_EQ(all.size(), 2u);
  ASSERT_TRUE(all[0].ok() && all[1].ok());
  EXPECT_EQ(all[0].routine->id, "a");
  EXPECT_EQ(all[1].routine->id, "b");
}

TEST(LoaderTest, RoutinesServedTogetherMustNotCollide) {
  struct Case {
    const char* name;
    std::string first, second;
    int line;  // of the diagnostic on the second file
    const char* fragment;
  };
  const Case cases[] = {
      {"SameVersionChangedContent", WithHead("r", 1, "t", "TT"),
       WithHead("r", 1, "t", "TT") + "# endret\n", 2,
       "1.yaml med annet innhold; øk versjonsnummeret"},
      {"SameVersionTwice", WithHead("r", 1, "t", "TT"),
       WithHead("r", 1, "t", "TT"), 2, "rutinen 'r' versjon 1 står også i "},
      {"SharedPrefix", WithHead("r", 1, "t", "TT"), WithHead("s", 1, "u", "TT"),
       5, "reference_prefix 'TT' brukes allerede av kommunen 't'"},
      {"TwoRoutinesForOneTenant", WithHead("r", 1, "t", "TT"),
       WithHead("s", 1, "t", "TT"), 1, "kommunen 't' har allerede rutinen 'r'"},
      {"RoutineMovesTenant", WithHead("r", 1, "t", "TT"),
       WithHead("r", 2, "u", "UU"), 3, "rutinen 'r' tilhører kommunen 't'"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    TempDir dir;
    std::vector<LoadResult> all = LoadRoutineFiles(
        {dir.Write("1.yaml", c.first), dir.Write("2.yaml", c.second)});
    ASSERT_EQ(all.size(), 2u);
    EXPECT_TRUE(all[0].ok());
    EXPECT_FALSE(all[1].ok());
    ASSERT_FALSE(all[1].diagnostics.empty());
    const Diagnostic& d = all[1].diagnostics[0];
    EXPECT_EQ(d.line, c.line) << d.ToString();
    EXPECT_NE(d.message.find(c.fragment), std::string::npos) << d.ToString();
  }

  // Versions of one routine for one tenant live side by side.
  TempDir dir;
  std::vector<LoadResult> ok = LoadRoutineFiles(
      {dir.Write("v1.yaml", WithHead("r", 1, "t", "TT")),
       dir.Write("v2.yaml", WithHead("r", 2, "t", "TT") + "# ny versjon\n")});
  EXPECT_TRUE(ok[0].ok() && ok[1].ok());
}

}  // namespace
}  // namespace stafett::routine
