// Services shared between municipalities over HTTP, on SQLite and
// PostgreSQL: one child-welfare service, hosted by Nesseby, serves Nesseby
// and Storby (workflows/), as "barnevern" in both routines. A person of it
// has one worklist over both tenants; each case stays in its tenant; every
// read is in that tenant's access log with the shared service it came
// through; nothing else crosses.
#include <set>

#include <Poco/JSON/Array.h>
#include <gtest/gtest.h>

#include "http/test_demo.h"
#include "store/access/access_via.h"
#include "store/sql/test_tamper.h"

namespace stafett::http::testing {
namespace {

using engine::Role;

constexpr char kHost[] = "nesseby";
constexpr char kOther[] = "storby";
constexpr char kShared[] = "barnevern_ost";
constexpr char kVia[] = "nesseby/barnevern_ost";

class SharedServicesDbTest : public DemoApiTest {
 protected:
  void SetUp() override {
    table_.Add(kHost, kShared, {{kHost, "barnevern"}, {kOther, "barnevern"}});
    shared_ = &table_;
    DemoApiTest::SetUp();
  }
  std::string Shared(Role role = Role::kWorker) {
    return Token(kHost, kShared, role);
  }
  // A concern logged by the shared service in `tenant`.
  std::string CreateIn(const std::string& tenant) {
    Reply r =
        client_->Post("/api/v1/cases?tenant=" + tenant, Shared(), kConcern);
    EXPECT_EQ(r.status, 201) << r.body;
    return r.Str("id");
  }
  std::vector<std::pair<std::string, std::string>> Items(const Reply& r) {
    std::vector<std::pair<std::string, std::string>> out;
    auto j = r.Json();
    if (!j) return out;
    auto items = j->getArray("items");
    for (std::size_t i = 0; i < items->size(); ++i) {
      auto o = items->getObject(static_cast<unsigned>(i));
      out.emplace_back(o->getValue<std::string>("tenant"),
                       o->getValue<std::string>("id"));
    }
    return out;
  }

  Reply ExportAs(const std::string& token, const std::string& key,
                 const std::string& query = "") {
    return client_->Call(
        "GET", "/api/v1/cases/" + key + "/export?format=json" + query,
        {{"Authorization", "Bearer " + token}, {"X-Access-Reason", "Innsyn"}});
  }

  SharedServices table_;
};

TEST_P(SharedServicesDbTest, OneWorklistOverTheServedTenants) {
  std::set<std::string> want;
  for (int i = 0; i < 3; ++i) {
    want.insert(CreateIn(kHost));
    want.insert(CreateIn(kOther));
  }
  Reply all = client_->Get("/api/v1/cases", Shared());
  ASSERT_EQ(all.status, 200) << all.body;
  std::set<std::string> got;
  std::set<std::string> tenants;
  for (const auto& [t, id] : Items(all)) {
    got.insert(id);
    tenants.insert(t);
  }
  EXPECT_EQ(got, want);
  EXPECT_EQ(tenants, (std::set<std::string>{kHost, kOther}));

  // Paging through the merged list: every case once, in the list's order.
  std::vector<std::string> paged;
  std::string cursor;
  for (int page = 0; page < 10; ++page) {
    Reply r = client_->Get(
        "/api/v1/cases?limit=4" + (cursor.empty() ? "" : "&cursor=" + cursor),
        Shared());
    ASSERT_EQ(r.status, 200) << r.body;
    for (const auto& [t, id] : Items(r)) paged.push_back(id);
    auto j = r.Json();
    if (j->isNull("next_cursor")) break;
    cursor = j->getValue<std::string>("next_cursor");
  }
  EXPECT_EQ(paged.size(), want.size());
  EXPECT_EQ(std::set<std::string>(paged.begin(), paged.end()), want);

  // One tenant on request; a tenant it does not serve is unknown.
  Reply one = client_->Get("/api/v1/cases?tenant=storby", Shared());
  ASSERT_EQ(one.status, 200) << one.body;
  for (const auto& [t, id] : Items(one)) EXPECT_EQ(t, kOther);
  EXPECT_EQ(Items(one).size(), 3u);
  ExpectProblem(client_->Get("/api/v1/cases?tenant=demo", Shared()), 404);

  // Both tenants' access logs have the worklist read, through the sharing
  // (tenant-wide reads have case_id "").
  for (const char* t : {kHost, kOther}) {
    bool seen = false;
    for (const auto& row : store::AccessLogVia(*store_, t, "")) {
      if (row.record.action == "read_worklist" && row.via == kVia) {
        seen = true;
        EXPECT_EQ(row.record.actor_service, "barnevern");
      }
    }
    EXPECT_TRUE(seen) << t;
  }
}

TEST_P(SharedServicesDbTest, EachCaseStaysInItsTenantUnderItsServiceId) {
  // A new case must say which municipality it belongs to.
  ExpectProblem(client_->Post("/api/v1/cases", Shared(), kConcern), 422,
                "tenant");
  const std::string id = CreateIn(kOther);
  Reply c = client_->Get("/api/v1/cases/" + id, Shared());
  ASSERT_EQ(c.status, 200) << c.body;
  // Storby's journal, Storby's service id for the shared service.
  auto journal = store_->Journal(kOther, id);
  ASSERT_FALSE(journal.empty());
  EXPECT_EQ(journal[0].entry.actor_service, "barnevern");
  EXPECT_TRUE(store_->Journal(kHost, id).empty());
  Reply note = Command(Shared(), id, c.Int("version"),
                       R"({"type":"note","text":"Drøftet i teamet."})");
  ASSERT_EQ(note.status, 200) << note.body;
  EXPECT_EQ(store_->Journal(kOther, id).back().entry.actor_service,
            "barnevern");

  // Storby's access log shows the read and where it came from; Storby's
  // own reads are not marked.
  // (The clock stands still here, so rows are found by action.)
  auto rows = store::AccessLogVia(*store_, kOther, id);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].record.action, "read_case");
  EXPECT_EQ(rows[0].record.tenant, kOther);
  EXPECT_EQ(rows[0].via, kVia);
  Reply admin = client_->Get("/api/v1/cases/" + id + "/access-log",
                             Token(kOther, "barnevern", Role::kAdmin));
  ASSERT_EQ(admin.status, 200) << admin.body;
  auto entries = admin.Json()->getArray("entries");
  ASSERT_EQ(entries->size(), 2u) << admin.body;
  for (std::size_t i = 0; i < entries->size(); ++i) {
    auto e = entries->getObject(static_cast<unsigned>(i));
    if (e->getValue<std::string>("action") == "read_case") {
      EXPECT_EQ(e->getValue<std::string>("via"), kVia);
    } else {  // the admin's own read
      EXPECT_TRUE(e->isNull("via")) << admin.body;
    }
  }
  // An export through the sharing is marked as well.
  Reply exported = client_->Call(
      "GET", "/api/v1/cases/" + id + "/export?format=json",
      {{"Authorization", "Bearer " + Shared()}, {"X-Access-Reason", "Innsyn"}});
  ASSERT_EQ(exported.status, 200) << exported.body;
  bool marked = false;
  for (const auto& row : store::AccessLogVia(*store_, kOther, id)) {
    if (row.record.action.rfind("export_case", 0) == 0) {
      marked = true;
      EXPECT_EQ(row.via, kVia);
    }
  }
  EXPECT_TRUE(marked);

  // The service that knows the child keeps the reference, and exports by
  // it through the sharing just as by id.
  const std::string reference = store_->GetCase(kOther, id)->reference;
  Reply by_reference = ExportAs(Shared(), reference);
  ASSERT_EQ(by_reference.status, 200) << by_reference.body;
  EXPECT_EQ(by_reference.Str("reference"), reference);
  // A reference no served tenant holds is 404, as for anyone.
  ExpectProblem(ExportAs(Shared(), "STB-1999-0001"), 404);
}

// References are unique per tenant only: a prefix one municipality gave up
// may be taken by another. The sharing never reaches past its tenants, and
// a reference it sees in two of them is not guessed at.
TEST_P(SharedServicesDbTest, ExportByReferenceStaysInTheServedTenants) {
  // A case of a tenant the service does not serve: 404, as if absent.
  Reply demo = Create();
  ASSERT_EQ(demo.status, 201) << demo.body;
  const std::string demo_ref =
      store_->GetCase(kDemo, demo.Str("id"))->reference;
  ExpectProblem(ExportAs(Shared(), demo_ref), 404);

  // The same reference in both served tenants: the service must say which.
  const std::string here = CreateIn(kHost);
  const std::string there = CreateIn(kOther);
  const std::string reference = store_->GetCase(kHost, here)->reference;
  store::testing::OverwriteCaseReference(*db_, there, reference);
  ExpectProblem(ExportAs(Shared(), reference), 422, "tenant");
  Reply chosen = ExportAs(Shared(), reference, "&tenant=storby");
  ASSERT_EQ(chosen.status, 200) << chosen.body;
  bool recorded = false;
  for (const auto& row : store::AccessLogVia(*store_, kOther, there)) {
    recorded = recorded || row.record.action.rfind("export_case", 0) == 0;
  }
  EXPECT_TRUE(recorded) << "exported from Storby";
  for (const auto& row : store::AccessLogVia(*store_, kHost, here)) {
    EXPECT_NE(row.record.action.rfind("export_case", 0), 0u)
        << "nothing exported from Nesseby";
  }
}

TEST_P(SharedServicesDbTest, NothingElseCrossesTenants) {
  const std::string storby_case = CreateIn(kOther);
  // Nesseby's kindergarten, and Nesseby's own child welfare: 404.
  for (const auto& token :
       {Token(kHost, "barnehage"), Token(kHost, "barnevern"),
        Token(kHost, "barnevern", Role::kCoordinator)}) {
    ExpectProblem(client_->Get("/api/v1/cases/" + storby_case, token), 404);
    Reply list = client_->Get("/api/v1/cases?status=any", token);
    ASSERT_EQ(list.status, 200);
    for (const auto& [t, id] : Items(list)) EXPECT_NE(id, storby_case);
    // ?tenant= is not a way in for anyone but a shared service.
    EXPECT_EQ(client_->Get("/api/v1/cases?tenant=storby", token).status, 422);
  }
  // The shared id in another tenant means nothing there.
  Reply elsewhere =
      client_->Get("/api/v1/cases/" + storby_case, Token(kOther, kShared));
  ExpectProblem(elsewhere, 404);
  // Nesseby's administrator does not see Storby's access log.
  ExpectProblem(client_->Get("/api/v1/cases/" + storby_case + "/access-log",
                             Token(kHost, "barnehage", Role::kAdmin)),
                404);
  // An auditor of the host stays in the host's reports: no case, no list.
  EXPECT_EQ(client_->Get("/api/v1/cases", Shared(Role::kAuditor)).status, 403);
}

INSTANTIATE_TEST_SUITE_P(Backends, SharedServicesDbTest,
                         ::testing::Values("sqlite", "postgresql"),
                         store::BackendName);

}  // namespace
}  // namespace stafett::http::testing
