// The normalisation rules, one row a case, each expected text written out in full
// (docs/spoken-notices.md lists the same rules).

#include <catch2/catch.hpp>

#include <string>

#include "speech/text_normaliser.hpp"
#include "speech/utf8.hpp"

namespace {

struct Case {
    const char* rule;
    const char* input;
    const char* expected;
};

const Case cases[] = {
    // integers
    {"integer", "1234", "一千二百三十四"},
    {"integer", "10000", "一万"},
    {"integer", "20", "二十"},
    {"integer", "105", "一百零五"},
    {"integer", "0", "零"},
    {"integer", "7", "七"},
    {"integer", "10", "十"},
    {"integer", "15", "十五"},
    {"integer", "110", "一百一十"},
    {"integer", "1005", "一千零五"},
    {"integer", "10010", "一万零一十"},
    {"integer", "100100", "十万零一百"},
    {"integer", "150000", "十五万"},
    {"integer", "120000000", "一亿二千万"},
    {"integer", "100000001", "一亿零一"},
    {"integer", "共有365户", "共有三百六十五户"},
    {"integer, thousands commas", "1,234,567人", "一百二十三万四千五百六十七人"},
    {"integer, leading 2 before 千", "2000", "两千"},
    {"integer, leading 2 before 万", "25000元", "两万五千元"},
    {"integer, 2 before 百 stays 二", "200", "二百"},
    {"digits, leading zero", "编号007", "编号零零七"},
    {"digits, more than 12", "1234567890123", "一二三四五六七八九零一二三"},
    // years, dates
    {"year", "2026年", "二零二六年"},
    {"year", "1998年洪水", "一九九八年洪水"},
    {"date", "12月3日", "十二月三日"},
    {"date", "2026年12月3日", "二零二六年十二月三日"},
    {"date", "2月2号", "二月二号"},
    {"date, ISO", "2026-12-03", "二零二六年十二月三日"},
    {"date, slashes", "2026/1/15", "二零二六年一月十五日"},
    // times
    {"time", "19:30", "十九点三十分"},
    {"time", "7:05", "七点零五分"},
    {"time, on the hour", "19:00", "十九点"},
    {"time, 2 o'clock", "2:30", "两点三十分"},
    {"time, 12", "12:00", "十二点"},
    {"time, 22", "22:15", "二十二点十五分"},
    {"time, midnight", "0:30", "零点三十分"},
    {"time, full-width colon", "８：４５", "八点四十五分"},
    {"time, seconds", "8:00:05", "八点零五秒"},
    {"time range", "8:00-11:30", "八点到十一点三十分"},
    {"time, 点", "下午2点开会", "下午两点开会"},
    {"time, 点半", "晚上7点半", "晚上七点半"},
    // decimals, percent
    {"decimal", "0.5", "零点五"},
    {"decimal", "3.14", "三点一四"},
    {"decimal", "1.5万", "一点五万"},
    {"percent", "10%", "百分之十"},
    {"percent", "0.5%", "百分之零点五"},
    {"percent, full-width", "５０％", "百分之五十"},
    {"percent range", "10%-20%", "百分之十到百分之二十"},
    {"percent range, one sign", "10-20%", "百分之十到百分之二十"},
    {"percent, negative", "-3%", "负百分之三"},
    // temperatures and signs
    {"temperature", "-5℃", "零下五摄氏度"},
    {"temperature", "30℃", "三十摄氏度"},
    {"temperature, °C", "-12°C", "零下十二摄氏度"},
    {"temperature range", "-5~3℃", "零下五到三摄氏度"},
    {"temperature range", "18～25℃", "十八到二十五摄氏度"},
    {"temperature, 度", "最低-2度", "最低零下二度"},
    {"negative number", "-7", "负七"},
    // phone numbers
    {"mobile", "13812345678", "幺三八幺二三四五六七八"},
    {"mobile in a sentence", "请拨打15907971234。", "请拨打幺五九零七九七幺二三四。"},
    {"landline", "0797-1234567", "零七九七 幺二三四五六七"},
    {"landline, 8 digits", "010-12345678", "零幺零 幺二三四五六七八"},
    {"phone word", "电话：12345", "电话：幺二三四五"},
    {"phone word", "拨打110", "拨打幺幺零"},
    {"phone word, hotline", "热线12315", "热线幺二三幺五"},
    // money
    {"money, ¥", "¥500", "五百元"},
    {"money, full-width ￥", "￥1200", "一千二百元"},
    {"money, 元", "500元", "五百元"},
    {"money, decimal", "¥12.5", "十二点五元"},
    {"money, 2", "2元", "两元"},
    // ranges
    {"range", "3-5天", "三到五天"},
    {"range", "1-2个月", "一到两个月"},
    {"range, tilde", "5~10人", "五到十人"},
    {"range, em dash", "3—5年", "三到五年"},
    // 两 before measure words
    {"两", "2个", "两个"},
    {"两", "2位村民", "两位村民"},
    {"两", "2天", "两天"},
    {"两, not after 第", "第2个", "第二个"},
    {"两, not in 12", "12个", "十二个"},
    {"两, not before 月", "2月", "二月"},
    {"两, not before 号", "2号楼", "二号楼"},
    // units
    {"unit km", "5km", "五公里"},
    {"unit kg", "2kg", "两公斤"},
    {"unit m²", "120m²", "一百二十平方米"},
    {"unit km/h", "60km/h", "六十公里每小时"},
    // punctuation passes through as pauses, words are untouched
    {"punctuation", "你好，今天。明天！", "你好，今天。明天！"},
    {"ASCII punctuation", "注意, 停水. 谢谢!", "注意, 停水. 谢谢!"},
    {"letters", "G60高速", "G六十高速"},
    {"no digits", "各位村民请注意", "各位村民请注意"},
    {"sentence", "12月3日19:30在村委会开会，气温-5℃，请带2个凳子，电话0797-1234567。",
     "十二月三日十九点三十分在村委会开会，气温零下五摄氏度，请带两个凳子，电话零七九七 "
     "幺二三四五六七。"},
};

}  // namespace

TEST_CASE("text normalisation, one case a row") {
    std::size_t n = 0;
    for (const auto& c : cases) {
        INFO(c.rule << ": " << c.input);
        CHECK(vc::speech::normalise_text(c.input) == c.expected);
        ++n;
    }
    CHECK(n >= 60);
}

TEST_CASE("read_integer covers every place up to 亿") {
    CHECK(vc::speech::to_utf8(vc::speech::read_integer(999999999999)) ==
          "九千九百九十九亿九千九百九十九万九千九百九十九");
    CHECK(vc::speech::to_utf8(vc::speech::read_integer(1000000)) == "一百万");
    CHECK(vc::speech::to_utf8(vc::speech::read_integer(10000000)) == "一千万");
    CHECK(vc::speech::to_utf8(vc::speech::read_integer(20000000000)) == "二百亿");
}
