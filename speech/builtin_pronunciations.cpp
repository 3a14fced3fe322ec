// The built-in pronunciation dictionary: words a township's notices use that espeak-ng 1.51's
// voice cmn-latn-pinyin reads wrong, each checked with `espeak-ng -v cmn-latn-pinyin -x` (the
// comment says what espeak-ng says without the entry). 长江 and 朝阳 it reads right today; they
// stay so that a later espeak-ng cannot get them wrong unnoticed (tests/speech checks them).
#include "speech/pronunciations.hpp"

#include "speech/utf8.hpp"

namespace vc::speech {

namespace {

struct Builtin {
    const char* word;
    const char* pinyin;
};

constexpr Builtin builtin_words[] = {
    // polyphones in everyday notices
    {"重庆", "chong2 qing4"},        // zhong4
    {"重新", "chong2 xin1"},         // zhong4
    {"重复", "chong2 fu4"},          // zhong4
    {"银行", "yin2 hang2"},          // xing2
    {"行长", "hang2 zhang3"},        // xing2 chang2
    {"行业", "hang2 ye4"},           // xing2
    {"农行", "nong2 hang2"},         // xing2
    {"工行", "gong1 hang2"},         // xing2
    {"建行", "jian4 hang2"},         // xing2
    {"长大", "zhang3 da4"},          // chang2
    {"长江", "chang2 jiang1"},       // right
    {"村长", "cun1 zhang3"},         // chang2
    {"镇长", "zhen4 zhang3"},        // chang2
    {"县长", "xian4 zhang3"},        // chang2
    {"乡长", "xiang1 zhang3"},       // chang2
    {"省长", "sheng3 zhang3"},       // chang2
    {"校长", "xiao4 zhang3"},        // chang2
    {"组长", "zu3 zhang3"},          // chang2
    {"队长", "dui4 zhang3"},         // chang2
    {"家长", "jia1 zhang3"},         // chang2
    {"生长", "sheng1 zhang3"},       // chang2
    {"成长", "cheng2 zhang3"},       // chang2
    {"增长", "zeng1 zhang3"},        // chang2
    {"调休", "tiao2 xiu1"},          // diao4
    {"调整", "tiao2 zheng3"},        // diao4
    {"空调", "kong1 tiao2"},         // diao4
    {"还款", "huan2 kuan3"},         // hai2
    {"还贷", "huan2 dai4"},          // hai2
    {"归还", "gui1 huan2"},          // hai2
    {"偿还", "chang2 huan2"},        // hai2
    {"退还", "tui4 huan2"},          // hai2
    {"会计", "kuai4 ji4"},           // hui4
    {"朝阳", "chao2 yang2"},         // right
    {"便宜", "pian2 yi5"},           // bian4
    {"出差", "chu1 chai1"},          // cha4
    {"差距", "cha1 ju4"},            // cha4
    {"干部", "gan4 bu4"},            // gan1
    {"种植", "zhong4 zhi2"},         // zhong3
    {"应急", "ying4 ji2"},           // ying1
    {"供应", "gong1 ying4"},         // ying1
    {"相应", "xiang1 ying4"},        // ying1
    {"音乐", "yin1 yue4"},           // le4
    {"着火", "zhao2 huo3"},          // zhe5
    {"着急", "zhao2 ji2"},           // zhe5
    {"放假", "fang4 jia4"},          // jia3
    {"请假", "qing3 jia4"},          // jia3
    {"假期", "jia4 qi1"},            // jia3
    {"尽快", "jin3 kuai4"},          // jin4
    {"尽量", "jin3 liang4"},         // jin4
    {"处理", "chu3 li3"},            // chu4
    {"处罚", "chu3 fa2"},            // chu4
    {"积累", "ji1 lei3"},            // lei4
    {"累计", "lei3 ji4"},            // lei4
    {"人参", "ren2 shen1"},          // can1
    {"了解", "liao3 jie3"},          // le5
    {"睡觉", "shui4 jiao4"},         // jue2
    {"大夫", "dai4 fu5"},            // da4
    {"作为", "zuo4 wei2"},           // wei4
    {"得到", "de2 dao4"},            // de5
    {"地方", "di4 fang5"},           // de5
    {"关卡", "guan1 qia3"},          // ka3
    {"结实", "jie1 shi5"},           // jie2
    {"率先", "shuai4 xian1"},        // lü4
    {"几乎", "ji1 hu1"},             // ji3
    {"理发", "li3 fa4"},             // fa1
    {"晒谷场", "shai4 gu3 chang2"},  // chang3
    // place names
    {"首都", "shou3 du1"},           // dou1
    {"成都", "cheng2 du1"},          // dou1
    {"于都县", "yu2 du1 xian4"},     // dou1
    {"宁都县", "ning2 du1 xian4"},   // dou1
    {"兴国县", "xing1 guo2 xian4"},  // xing4
    {"厦门", "xia4 men2"},           // sha4
    {"蚌埠", "beng4 bu4"},           // bang4
    {"台州", "tai1 zhou1"},          // tai2
    {"铅山", "yan2 shan1"},          // qian1
};

}  // namespace

Pronunciations Pronunciations::builtin() {
    Pronunciations p;
    for (const auto& b : builtin_words) p.add(to_u32(b.word), b.pinyin, "built-in");
    return p;
}

}  // namespace vc::speech
