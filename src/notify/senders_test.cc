// The webhook sender over HTTPS against a real TLS receiver on 127.0.0.1:
// the server's certificate is verified (the given CA file, else the
// system's CAs), and a sender keeps working across posts with the one
// context it builds.
#include "notify/senders.h"

#include <chrono>
#include <filesystem>
#include <map>
#include <string>

#include <gtest/gtest.h>

#include "core/ids.h"
#include "notify/message.h"
#include "notify/test_receivers.h"

namespace stafett::notify {
namespace {

using namespace std::chrono_literals;

constexpr char kSecret[] = "webhook-secret-for-tests-0123456789";

// A body and headers the receiver accepts (it checks the signature).
std::map<std::string, std::string> Signed(const std::string& id,
                                          const std::string& body) {
  return {{"X-Stafett-Id", id},
          {"X-Stafett-Event", "test"},
          {"X-Stafett-Timestamp", "2026-11-30T12:00:00Z"},
          {"X-Stafett-Signature", SignatureHeader(kSecret, body)}};
}

std::string Body(const std::string& id) {
  return R"({"id":")" + id + R"(","timestamp":"2026-11-30T12:00:00Z"})";
}

class HttpsWebhookTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ =
        std::filesystem::temp_directory_path() / ("stafett-https-" + NewId());
    std::filesystem::create_directories(dir_);
    cert_ = testing::MakeTestCert(dir_.string());
    ASSERT_FALSE(cert_.cert.empty()) << "the openssl command is required";
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  SendResult PostOne(PocoWebhookSender& sender, const std::string& url) {
    const std::string id = NewId();
    return sender.Post(url, Signed(id, Body(id)), Body(id));
  }

  SslScope ssl_;
  std::filesystem::path dir_;
  testing::TestCert cert_;
};

TEST_F(HttpsWebhookTest, TrustsTheCaFileAndKeepsWorkingAcrossPosts) {
  testing::WebhookReceiver hook({kSecret, 0, 0, 1500ms, cert_.cert, cert_.key});
  ASSERT_EQ(hook.Url().rfind("https://", 0), 0u);
  PocoWebhookSender sender(WebhookOptions{2000ms, cert_.cert});
  for (int i = 0; i < 3; ++i) {
    const SendResult r = PostOne(sender, hook.Url());
    EXPECT_TRUE(r.ok) << "post " << i << ": " << r.error;
  }
  EXPECT_EQ(hook.Accepted().size(), 3u);
  EXPECT_EQ(hook.BadRequests(), 0);
}

TEST_F(HttpsWebhookTest, RefusesAServerTheSystemCasDoNotVouchFor) {
  testing::WebhookReceiver hook({kSecret, 0, 0, 1500ms, cert_.cert, cert_.key});
  PocoWebhookSender sender(WebhookOptions{2000ms, ""});
  for (int i = 0; i < 2; ++i) {
    const SendResult r = PostOne(sender, hook.Url());
    EXPECT_FALSE(r.ok) << "a self-signed certificate must not pass";
    EXPECT_FALSE(r.permanent) << "the receiver may get a proper certificate";
    EXPECT_FALSE(r.error.empty());
  }
  EXPECT_TRUE(hook.Hits().empty()) << "nothing may reach an unverified host";
}

TEST_F(HttpsWebhookTest, AnUnreadableCaFileFailsEachAttemptWithAMessage) {
  testing::WebhookReceiver hook({kSecret, 0, 0, 1500ms, cert_.cert, cert_.key});
  PocoWebhookSender sender(
      WebhookOptions{2000ms, (dir_ / "missing.pem").string()});
  for (int i = 0; i < 2; ++i) {
    const SendResult r = PostOne(sender, hook.Url());
    EXPECT_FALSE(r.ok);
    EXPECT_NE(r.error.find("webhook: "), std::string::npos) << r.error;
  }
  EXPECT_TRUE(hook.Hits().empty());
}

}  // namespace
}  // namespace stafett::notify
