//! The one vocabulary of narrative fact keys and key figures ([`FactKey`]): which figure a number
//! is (收入总计, 基本支出, “三公”经费, 编制人数, …), as snake_case identifiers in frames
//! (`income_total`, `basic_expenditure`, …; see `docs/GLOSSARY.md`).

use std::fmt;

use serde::{Deserialize, Serialize};

macro_rules! fact_keys {
    ($($(#[$doc:meta])* $variant:ident = $name:literal,)*) => {
        /// What a narrative number or a key figure is (see `docs/GLOSSARY.md`). The first keys, up
        /// to [`FactKey::TrainingCosts`], are the key figures, in report order
        /// ([`FactKey::KEY_FIGURES`]); then counts, assets and the narrative-only keys.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum FactKey {
            $($(#[$doc])* $variant,)*
        }

        impl FactKey {
            /// Every key, in order.
            pub const ALL: &'static [FactKey] = &[$(FactKey::$variant,)*];

            /// The identifiers of [`FactKey::ALL`], in order.
            pub const NAMES: &'static [&'static str] = &[$($name,)*];

            /// The identifier used in frames (`income_total`, …, `other`).
            pub const fn as_str(self) -> &'static str {
                match self {
                    $(FactKey::$variant => $name,)*
                }
            }

            /// The key of an identifier (`income_total` → [`FactKey::IncomeTotal`]).
            pub fn from_name(name: &str) -> Option<FactKey> {
                match name {
                    $($name => Some(FactKey::$variant),)*
                    _ => None,
                }
            }
        }
    };
}

fact_keys! {
    /// 收入总计 / 收入预算总额: all income, this year's and carried over.
    IncomeTotal = "income_total",
    /// 本年收入合计.
    IncomeThisYear = "income_this_year",
    /// 上年结转 (income side).
    CarryoverIn = "carryover_in",
    /// 财政拨款 (all budgets' grants).
    FiscalGrantTotal = "fiscal_grant_total",
    /// 一般公共预算拨款.
    GeneralBudgetGrant = "general_budget_grant",
    /// 政府性基金预算拨款.
    GovFundGrant = "gov_fund_grant",
    /// 国有资本经营预算拨款.
    StateCapitalGrant = "state_capital_grant",
    /// 财政专户管理资金.
    SpecialAccountFunds = "special_account_funds",
    /// 事业收入.
    PublicServiceIncome = "public_service_income",
    /// 事业单位经营收入.
    BusinessIncome = "business_income",
    /// 上级补助收入.
    SuperiorSubsidy = "superior_subsidy",
    /// 附属单位上缴收入.
    SubordinateRemittance = "subordinate_remittance",
    /// 其他收入.
    OtherIncome = "other_income",
    /// 支出总计 / 支出预算总额.
    ExpenditureTotal = "expenditure_total",
    /// 本年支出合计.
    ExpenditureThisYear = "expenditure_this_year",
    /// 结转下年 (expenditure side).
    CarryoverOut = "carryover_out",
    /// 基本支出.
    BasicExpenditure = "basic_expenditure",
    /// 项目支出.
    ProjectExpenditure = "project_expenditure",
    /// 人员经费.
    PersonnelExpenditure = "personnel_expenditure",
    /// 公用经费 (日常公用经费).
    PublicExpenditure = "public_expenditure",
    /// “三公”经费.
    ThreePublicTotal = "three_public_total",
    /// 因公出国（境）费.
    OverseasTravel = "overseas_travel",
    /// 公务接待费.
    OfficialReception = "official_reception",
    /// 公务用车购置及运行（维护）费.
    OfficialVehicles = "official_vehicles",
    /// 公务用车购置费.
    VehiclePurchase = "vehicle_purchase",
    /// 公务用车运行（维护）费.
    VehicleOperation = "vehicle_operation",
    /// 机关运行经费.
    OperatingCosts = "operating_costs",
    /// 政府采购 (total).
    ProcurementTotal = "procurement_total",
    /// 政府采购货物.
    ProcurementGoods = "procurement_goods",
    /// 政府采购工程.
    ProcurementWorks = "procurement_works",
    /// 政府采购服务.
    ProcurementServices = "procurement_services",
    /// 会议费.
    MeetingCosts = "meeting_costs",
    /// 培训费.
    TrainingCosts = "training_costs",
    /// 固定资产 / 资产总额.
    AssetTotal = "asset_total",
    /// 车辆 (a count).
    Vehicles = "vehicles",
    /// 车辆 to be bought (a count).
    VehiclesPurchased = "vehicles_purchased",
    /// 编制 (a count of posts).
    StaffAuthorized = "staff_authorized",
    /// 实有人数 (a count of staff).
    StaffActual = "staff_actual",
    /// 离退休人员 (a count).
    Retirees = "retirees",
    /// 下属单位 / 预算单位 (a count of units).
    UnitCount = "unit_count",
    /// 内设机构 / 处室 (a count of offices).
    OfficeCount = "office_count",
    /// A share (占比, %) of some amount.
    Share = "share",
    /// Anything else: the fact's `unkeyed` says why.
    Other = "other",
}

impl FactKey {
    /// The keys of [`crate::KeyFigure`], in report order.
    pub const KEY_FIGURES: &'static [FactKey] = FactKey::ALL.split_at(FactKey::TrainingCosts as usize + 1).0;

    /// The identifiers of [`FactKey::KEY_FIGURES`].
    pub const KEY_FIGURE_NAMES: &'static [&'static str] =
        FactKey::NAMES.split_at(FactKey::TrainingCosts as usize + 1).0;

    /// Whether the key is a key figure ([`FactKey::KEY_FIGURES`]).
    pub fn is_key_figure(self) -> bool {
        self <= FactKey::TrainingCosts
    }

    /// The position in report order (key figures first).
    pub fn rank(self) -> usize {
        self as usize
    }

    /// A key that opens a new statement (a total, a split of spending, a headline figure): a list
    /// of parts never runs past one of them.
    pub fn opens_statement(self) -> bool {
        use FactKey::*;
        matches!(
            self,
            IncomeTotal
                | ExpenditureTotal
                | BasicExpenditure
                | ProjectExpenditure
                | PersonnelExpenditure
                | PublicExpenditure
                | ThreePublicTotal
                | OperatingCosts
                | ProcurementTotal
                | AssetTotal
                | GeneralBudgetGrant
                | CarryoverIn
        )
    }

    /// A source of income listed after a total (一般公共预算拨款, 上年结转, …).
    pub fn is_income_source(self) -> bool {
        use FactKey::*;
        (IncomeThisYear..=OtherIncome).contains(&self)
    }

    /// A part of an itemised 人员经费 / 公用经费 list (会议费, 培训费, “三公” parts) or an unkeyed item.
    pub fn is_cost_item(self) -> bool {
        use FactKey::*;
        matches!(
            self,
            Other
                | OverseasTravel
                | OfficialReception
                | VehicleOperation
                | VehiclePurchase
                | MeetingCosts
                | TrainingCosts
                | OfficialVehicles
        )
    }

    /// Whether an identifier names a key that [`FactKey::opens_statement`].
    pub fn name_opens_statement(name: &str) -> bool {
        FactKey::from_name(name).is_some_and(FactKey::opens_statement)
    }

    /// Income keys: a fund named in the label is the figure itself (`一般公共预算拨款收入`).
    pub fn is_income(self) -> bool {
        use FactKey::*;
        (IncomeTotal..=OtherIncome).contains(&self)
    }
}

impl fmt::Display for FactKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::FactKey;

    #[test]
    fn names_round_trip_and_key_figures_come_first() {
        for key in FactKey::ALL {
            assert_eq!(FactKey::from_name(key.as_str()), Some(*key));
            assert_eq!(key.is_key_figure(), FactKey::KEY_FIGURES.contains(key));
        }
        assert_eq!(FactKey::KEY_FIGURES.last(), Some(&FactKey::TrainingCosts));
        assert_eq!(serde_json::to_string(&FactKey::ThreePublicTotal).unwrap(), "\"three_public_total\"");
        assert!(FactKey::CarryoverIn.is_income_source() && !FactKey::IncomeTotal.is_income_source());
    }
}
