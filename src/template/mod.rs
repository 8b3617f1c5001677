//! The national report formats as data: row keys, printed labels and their
//! variants, column keys. A new template year is a new table here.

pub mod label;

use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub enum Format {
    /// 国办公开办函〔2021〕30号, reports on 2021 and later.
    #[serde(rename = "2021")]
    F2021,
    /// 国办公开办函〔2019〕60号, reports on 2019 and 2020.
    #[serde(rename = "2019")]
    F2019,
}

impl Format {
    pub fn as_str(self) -> &'static str {
        match self {
            Format::F2021 => "2021",
            Format::F2019 => "2019",
        }
    }
}

/// A section of the report: its key, its number as printed and as OCR reads
/// it, and the wordings its heading is printed in, numbering left out: the
/// 2021 format's, the 2019 format's, and common variants of both.
#[derive(Debug, Clone, Copy)]
pub struct Section {
    pub key: &'static str,
    /// The numeral first, then what OCR reads it as (a stroke as a dash, a
    /// bold numeral twice).
    pub numbers: &'static [&'static str],
    pub headings: &'static [&'static str],
}

/// What a section number is printed inside: "第一部分", "第一章".
pub const SECTION_NUMBER_PREFIX: &str = "第";
pub const SECTION_NUMBER_SUFFIXES: &[&str] = &["部分", "章"];

/// What follows a section number, compared half-width: 、 and what OCR reads
/// it as, "．", or a colon after 第一部分 (read as a quote mark now and then).
/// It may also be dropped or spaced off.
pub const SECTION_NUMBER_SEPARATORS: &[char] = &[
    '、', '﹑', ',', '.', '`', '\'', '‘', '’', '·', ':', '"', '“', '”',
];

/// What, right after a numeral, makes it prose or a subsection rather than a
/// section number: "一是…", "一）…" (a "（一）" whose opening bracket was lost).
pub const NOT_AFTER_SECTION_NUMBER: &[&str] = &["是", ")", "）"];

/// The six sections of both national formats, in printed order.
pub const SECTIONS: [Section; 6] = [
    Section {
        key: "overview",
        numbers: &["一", "-", "—", "―", "–", "ー", "_", "一一"],
        headings: &["总体情况"],
    },
    Section {
        key: "disclosure",
        numbers: &["二", "=", "二二"],
        headings: &["主动公开政府信息情况"],
    },
    Section {
        key: "applications",
        numbers: &["三", "=", "彡", "三三"],
        headings: &["收到和处理政府信息公开申请情况"],
    },
    Section {
        key: "reviews",
        numbers: &["四"],
        headings: &[
            "政府信息公开行政复议、行政诉讼情况",
            "政府信息公开行政复议和行政诉讼情况",
            "因政府信息公开工作被申请行政复议、提起行政诉讼情况",
        ],
    },
    Section {
        key: "problems",
        numbers: &["五"],
        headings: &[
            "存在的主要问题及改进情况",
            "政府信息公开工作存在的主要问题及改进情况",
            "存在的主要问题和改进情况",
            "存在的主要问题及改进措施",
        ],
    },
    Section {
        key: "other",
        numbers: &["六", "入"],
        headings: &["其他需要报告的事项"],
    },
];

/// A value is a count (JSON integer) or an amount in 万元 (JSON number).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Count,
    /// Signed change of a count ("-183", "+5174").
    Change,
    /// Money in 万元; a value printed in 元 is converted.
    Amount,
}

/// A column: its output key and the header labels it is printed under.
#[derive(Debug, Clone, Copy)]
pub struct Column {
    pub key: &'static str,
    pub labels: &'static [&'static str],
    pub kind: Kind,
}

/// A row of table 二: the 第二十条 item it sits under, its key, labels, columns.
#[derive(Debug, Clone, Copy)]
pub struct DisclosureRow {
    /// The item number of 第二十条第（N）项 it belongs to.
    pub item: u8,
    pub key: &'static str,
    pub labels: &'static [&'static str],
    pub columns: &'static [Column],
}

/// A row of table 三: its JSON pointer below /applications and its labels.
#[derive(Debug, Clone, Copy)]
pub struct ApplicationRow {
    pub pointer: &'static str,
    pub labels: &'static [&'static str],
}

/// A group of table 四: its key and labels.
#[derive(Debug, Clone, Copy)]
pub struct ReviewGroup {
    pub key: &'static str,
    pub labels: &'static [&'static str],
}

/// One national format.
#[derive(Debug)]
pub struct Template {
    pub format: Format,
    pub disclosure: &'static [DisclosureRow],
    /// Table 三 rows in printed order, with （六）其他处理 as three sub-rows.
    pub applications: &'static [ApplicationRow],
    /// Table 三 rows when （六）其他处理 is printed as one row.
    pub applications_single_other: &'static [ApplicationRow],
    /// Which of the two row sequences the format prescribes.
    pub single_other_row: bool,
    pub applicant_columns: &'static [Column],
    pub review_groups: &'static [ReviewGroup],
    pub outcome_columns: &'static [Column],
}

const fn count(key: &'static str, labels: &'static [&'static str]) -> Column {
    Column {
        key,
        labels,
        kind: Kind::Count,
    }
}

const fn row(pointer: &'static str, labels: &'static [&'static str]) -> ApplicationRow {
    ApplicationRow { pointer, labels }
}

pub const APPLICANT_COLUMNS: &[Column] = &[
    count("natural_person", &["自然人"]),
    count("commercial", &["商业企业"]),
    count("research", &["科研机构"]),
    count("social_welfare", &["社会公益组织"]),
    count("legal_services", &["法律服务机构"]),
    count("other_org", &["其他"]),
    count("total", &["总计"]),
];

pub const OUTCOME_COLUMNS: &[Column] = &[
    count("upheld", &["结果维持"]),
    count("corrected", &["结果纠正"]),
    count("other", &["其他结果"]),
    count("pending", &["尚未审结"]),
    count("total", &["总计"]),
];

pub const REVIEW_GROUPS: &[ReviewGroup] = &[
    ReviewGroup {
        key: "review",
        labels: &["行政复议"],
    },
    ReviewGroup {
        key: "litigation_direct",
        labels: &["未经复议直接起诉"],
    },
    ReviewGroup {
        key: "litigation_after_review",
        labels: &["复议后起诉"],
    },
];

macro_rules! application_rows {
    ($($other:expr),* $(,)?) => {
        &[
            row("/new", &["本年新收政府信息公开申请数量"]),
            row("/carried_over", &["上年结转政府信息公开申请数量"]),
            row("/granted", &["予以公开"]),
            row("/partly_granted", &["部分公开"]),
            row("/denied/state_secret", &["属于国家秘密"]),
            row("/denied/prohibited_by_law", &["其他法律行政法规禁止公开"]),
            row("/denied/security_stability", &["危及三安全一稳定"]),
            row("/denied/third_party_rights", &["保护第三方合法权益"]),
            row("/denied/internal_affairs", &["属于三类内部事务信息"]),
            row("/denied/process_information", &["属于四类过程性信息"]),
            row("/denied/enforcement_files", &["属于行政执法案卷"]),
            row("/denied/query_matters", &["属于行政查询事项"]),
            row("/unable/not_held", &["本机关不掌握相关政府信息"]),
            row("/unable/needs_creation", &["没有现成信息需要另行制作"]),
            row("/unable/unclear", &["补正后申请内容仍不明确"]),
            row("/not_processed/complaint", &["信访举报投诉类申请"]),
            row("/not_processed/repeated", &["重复申请"]),
            row("/not_processed/publication", &["要求提供公开出版物"]),
            row("/not_processed/excessive", &["无正当理由大量反复申请"]),
            row("/not_processed/confirmation", &["要求行政机关确认或重新出具已获取信息"]),
            $($other,)*
            row("/total", &["总计"]),
            row("/carried_forward", &["结转下年度继续办理"]),
        ]
    };
}

const APPLICATIONS_SPLIT_OTHER: &[ApplicationRow] = application_rows!(
    row(
        "/other/no_correction",
        &["申请人无正当理由逾期不补正行政机关不再处理其政府信息公开申请"]
    ),
    row(
        "/other/no_fee",
        &["申请人逾期未按收费通知要求缴纳费用行政机关不再处理其政府信息公开申请"]
    ),
    row("/other/other", &["其他"]),
);

const APPLICATIONS_SINGLE_OTHER: &[ApplicationRow] =
    application_rows!(row("/other", &["其他处理"]));

pub static TEMPLATE_2021: Template = Template {
    format: Format::F2021,
    disclosure: &[
        DisclosureRow {
            item: 1,
            key: "regulations",
            labels: &["规章"],
            columns: &[
                count("issued", &["本年制发件数", "本年新制发件数"]),
                count("repealed", &["本年废止件数"]),
                count("in_force", &["现行有效件数"]),
            ],
        },
        DisclosureRow {
            item: 1,
            key: "normative_documents",
            labels: &["行政规范性文件", "规范性文件"],
            columns: &[
                count("issued", &["本年制发件数", "本年新制发件数"]),
                count("repealed", &["本年废止件数"]),
                count("in_force", &["现行有效件数"]),
            ],
        },
        DisclosureRow {
            item: 5,
            key: "licensing",
            labels: &["行政许可"],
            columns: &[count("decisions", &["本年处理决定数量"])],
        },
        DisclosureRow {
            item: 6,
            key: "penalty",
            labels: &["行政处罚"],
            columns: &[count("decisions", &["本年处理决定数量"])],
        },
        DisclosureRow {
            item: 6,
            key: "coercion",
            labels: &["行政强制"],
            columns: &[count("decisions", &["本年处理决定数量"])],
        },
        DisclosureRow {
            item: 8,
            key: "fees",
            labels: &["行政事业性收费"],
            columns: &[Column {
                key: "amount",
                labels: &["本年收费金额"],
                kind: Kind::Amount,
            }],
        },
    ],
    applications: APPLICATIONS_SPLIT_OTHER,
    applications_single_other: APPLICATIONS_SINGLE_OTHER,
    single_other_row: false,
    applicant_columns: APPLICANT_COLUMNS,
    review_groups: REVIEW_GROUPS,
    outcome_columns: OUTCOME_COLUMNS,
};

const ITEMS_2019: &[Column] = &[
    count("previous_items", &["上一年项目数量"]),
    Column {
        key: "change",
        labels: &["本年增减"],
        kind: Kind::Change,
    },
    count("decisions", &["处理决定数量"]),
];

const DOCUMENTS_2019: &[Column] = &[
    count("made", &["本年新制作数量"]),
    count("published", &["本年新公开数量"]),
    count("total_published", &["对外公开总数量"]),
];

pub static TEMPLATE_2019: Template = Template {
    format: Format::F2019,
    disclosure: &[
        DisclosureRow {
            item: 1,
            key: "regulations",
            labels: &["规章"],
            columns: DOCUMENTS_2019,
        },
        DisclosureRow {
            item: 1,
            key: "normative_documents",
            labels: &["规范性文件", "行政规范性文件"],
            columns: DOCUMENTS_2019,
        },
        DisclosureRow {
            item: 5,
            key: "licensing",
            labels: &["行政许可"],
            columns: ITEMS_2019,
        },
        DisclosureRow {
            item: 5,
            key: "other_services",
            labels: &["其他对外管理服务事项"],
            columns: ITEMS_2019,
        },
        DisclosureRow {
            item: 6,
            key: "penalty",
            labels: &["行政处罚"],
            columns: ITEMS_2019,
        },
        DisclosureRow {
            item: 6,
            key: "coercion",
            labels: &["行政强制"],
            columns: ITEMS_2019,
        },
        DisclosureRow {
            item: 8,
            key: "fees",
            labels: &["行政事业性收费"],
            columns: &[
                count("previous_items", &["上一年项目数量"]),
                Column {
                    key: "change",
                    labels: &["本年增减"],
                    kind: Kind::Change,
                },
            ],
        },
        DisclosureRow {
            item: 9,
            key: "procurement",
            labels: &["政府集中采购"],
            columns: &[
                count("items", &["采购项目数量"]),
                Column {
                    key: "amount",
                    labels: &["采购总金额"],
                    kind: Kind::Amount,
                },
            ],
        },
    ],
    applications: APPLICATIONS_SINGLE_OTHER,
    applications_single_other: APPLICATIONS_SINGLE_OTHER,
    single_other_row: true,
    applicant_columns: APPLICANT_COLUMNS,
    review_groups: REVIEW_GROUPS,
    outcome_columns: OUTCOME_COLUMNS,
};

impl Template {
    pub fn for_format(format: Format) -> &'static Template {
        match format {
            Format::F2021 => &TEMPLATE_2021,
            Format::F2019 => &TEMPLATE_2019,
        }
    }

    /// Column labels that only one format prints in table 二, for telling
    /// the formats apart.
    pub fn distinctive_labels(&self) -> Vec<&'static str> {
        let other = match self.format {
            Format::F2021 => &TEMPLATE_2019,
            Format::F2019 => &TEMPLATE_2021,
        };
        let theirs: Vec<&str> = other
            .disclosure
            .iter()
            .flat_map(|r| {
                r.labels
                    .iter()
                    .chain(r.columns.iter().flat_map(|c| c.labels.iter()))
            })
            .copied()
            .collect();
        let mut mine: Vec<&'static str> = self
            .disclosure
            .iter()
            .flat_map(|r| {
                r.labels
                    .iter()
                    .chain(r.columns.iter().flat_map(|c| c.labels.iter()))
            })
            .copied()
            .filter(|l| !theirs.contains(l))
            .collect();
        mine.sort();
        mine.dedup();
        mine
    }
}
