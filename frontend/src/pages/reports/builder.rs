//! The builder's inputs: entity, filters, groups, measures and sort, each showing the server's
//! problem for its own path (`filters[0].value`, `group_by[1].field` …).

use leptos::prelude::*;
use voronka_types::Problem;
use voronka_types::reports::{
    Bucket, FilterOp, MeasureFn, ReportEntity, ReportFieldInfo, ReportFieldKind, ReportGroup, ReportMeasure, SortDir,
};

use super::model::{
    Draft, ENTITIES, FilterRow, bucket_name, entity_name, measure_fn_name, measure_key, op_name, operators,
    parse_bucket, parse_entity, parse_op,
};
use super::result::column_label;
use crate::i18n::{Key, Lang, field_error_message, tr, use_i18n};

/// The label of an entity.
pub fn entity_key(entity: ReportEntity) -> Key {
    match entity {
        ReportEntity::Leads => Key::RepLeads,
        ReportEntity::Deals => Key::RepDeals,
        ReportEntity::Contacts => Key::RepContacts,
        ReportEntity::Tasks => Key::RepTasks,
        ReportEntity::Purchases => Key::RepPurchases,
    }
}

fn op_key(op: FilterOp) -> Key {
    match op {
        FilterOp::Eq => Key::OpEq,
        FilterOp::Ne => Key::OpNe,
        FilterOp::In => Key::OpIn,
        FilterOp::Gt => Key::OpGt,
        FilterOp::Gte => Key::OpGte,
        FilterOp::Lt => Key::OpLt,
        FilterOp::Lte => Key::OpLte,
        FilterOp::Contains => Key::OpContains,
        FilterOp::IsNull => Key::OpIsNull,
    }
}

fn fn_key(function: MeasureFn) -> Key {
    match function {
        MeasureFn::Count => Key::RepCount,
        MeasureFn::Sum => Key::RepSum,
        MeasureFn::Avg => Key::RepAvg,
        MeasureFn::Conversion => Key::RepConversion,
    }
}

/// The message the problem gives for `path` (also under `query.` for saved reports).
pub fn error_at(problem: &Option<Problem>, path: &str, lang: Lang) -> Option<String> {
    let problem = problem.as_ref()?;
    problem
        .errors
        .iter()
        .find(|e| e.field == path || e.field.strip_prefix("query.") == Some(path))
        .map(|e| field_error_message(e, lang))
}

/// A red line under an input when the server named its path.
#[component]
fn FieldError(problem: RwSignal<Option<Problem>>, path: String) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        problem.with(|p| error_at(p, &path, i18n.lang())).map(|message| {
            view! { <p class="field-error" data-path=path.clone()>{message}</p> }
        })
    }
}

fn field_options(fields: &[ReportFieldInfo], keep: impl Fn(&ReportFieldInfo) -> bool, selected: &str) -> AnyView {
    fields
        .iter()
        .filter(|f| keep(f))
        .map(|f| view! { <option value=f.key.clone() selected=f.key == selected>{f.label.clone()}</option> })
        .collect_view()
        .into_any()
}

fn kind_of(fields: &[ReportFieldInfo], key: &str) -> ReportFieldKind {
    fields
        .iter()
        .find(|f| f.key == key)
        .map_or(ReportFieldKind::Text, |f| f.kind)
}

/// The input a filter's value takes, by its field's kind.
fn value_input(draft: RwSignal<Draft>, i: usize, row: &FilterRow, kind: ReportFieldKind, label: String) -> AnyView {
    let set = move |value: String| draft.update(|d| d.filters[i].value = value);
    if row.op == FilterOp::IsNull || kind == ReportFieldKind::Bool {
        let yes = if row.op == FilterOp::IsNull {
            row.value != "false"
        } else {
            row.value == "true"
        };
        return view! {
            <select class="input select" aria-label=label name=format!("filter-value-{i}")
                on:change=move |ev| set(event_target_value(&ev))>
                <option value="true" selected=yes>{tr(Key::RepYes)}</option>
                <option value="false" selected=!yes>{tr(Key::RepNo)}</option>
            </select>
        }
        .into_any();
    }
    let input_type = match (kind, row.op) {
        (_, FilterOp::In) => "text",
        (ReportFieldKind::Int | ReportFieldKind::Money | ReportFieldKind::Decimal, _) => "number",
        (ReportFieldKind::Time | ReportFieldKind::Date, _) => "date",
        _ => "text",
    };
    view! {
        <input class="input" type=input_type step="any" aria-label=label name=format!("filter-value-{i}")
            prop:value=row.value.clone() on:change=move |ev| set(event_target_value(&ev)) />
    }
    .into_any()
}

/// Entity, filters, groups, measures and sort.
#[component]
pub fn Builder(
    draft: RwSignal<Draft>,
    fields: Signal<Vec<ReportFieldInfo>>,
    problem: RwSignal<Option<Problem>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let entity_picker = move || {
        let current = draft.with(|d| d.entity);
        ENTITIES
            .into_iter()
            .map(|e| view! { <option value=entity_name(e) selected=e == current>{tr(entity_key(e))}</option> })
            .collect_view()
    };
    let filters = move || {
        let all = fields.get();
        let rows = draft.with(|d| d.filters.clone());
        rows.into_iter()
            .enumerate()
            .map(|(i, row)| {
                let kind = kind_of(&all, &row.field);
                let value_label = format!("{} {}", i18n.t(Key::RepValue), i + 1);
                view! {
                    <fieldset class="report-row">
                        <legend class="sr-only">{format!("{} {}", i18n.t(Key::RepFilters), i + 1)}</legend>
                        <select class="input select" aria-label=i18n.t(Key::RepField) name=format!("filter-field-{i}")
                            on:change=move |ev| {
                                let key = event_target_value(&ev);
                                let op = operators(kind_of(&fields.get_untracked(), &key))[0];
                                draft.update(|d| d.filters[i] = FilterRow { field: key, op, value: String::new() });
                            }>
                            {field_options(&all, |_| true, &row.field)}
                        </select>
                        <select class="input select" aria-label=i18n.t(Key::RepOperator) name=format!("filter-op-{i}")
                            on:change=move |ev| {
                                if let Some(op) = parse_op(&event_target_value(&ev)) {
                                    draft.update(|d| d.filters[i].op = op);
                                }
                            }>
                            {operators(kind).iter().map(|op| view! {
                                <option value=op_name(*op) selected=*op == row.op>{tr(op_key(*op))}</option>
                            }).collect_view()}
                        </select>
                        {value_input(draft, i, &row, kind, value_label)}
                        <button type="button" class="btn btn-ghost btn-sm" on:click=move |_| draft.update(|d| { d.filters.remove(i); })>
                            {tr(Key::RepRemove)}
                        </button>
                        <FieldError problem=problem path=format!("filters[{i}].field") />
                        <FieldError problem=problem path=format!("filters[{i}].value") />
                    </fieldset>
                }
            })
            .collect_view()
    };
    let add_filter = move |_| {
        let fields = fields.get_untracked();
        if let Some(first) = fields.first() {
            let op = operators(first.kind)[0];
            let field = first.key.clone();
            draft.update(|d| {
                d.filters.push(FilterRow {
                    field,
                    op,
                    value: String::new(),
                })
            });
        }
    };
    let group = move |i: usize| {
        let all = fields.get();
        let current = draft.with(|d| d.groups.get(i).cloned()).unwrap_or(ReportGroup {
            field: String::new(),
            bucket: None,
        });
        let bucketable = all.iter().any(|f| f.key == current.field && f.bucketable);
        let label = if i == 0 { Key::RepGroupBy } else { Key::RepThenBy };
        view! {
            <div class="field compact">
                <label class="field-label" for=format!("group-{i}")>{tr(label)}</label>
                <div class="report-inline">
                    <select class="input select" id=format!("group-{i}") name=format!("group-{i}")
                        on:change=move |ev| {
                            let key = event_target_value(&ev);
                            let dated = fields_signal_dated(fields, &key);
                            draft.update(|d| set_group(d, i, key, dated));
                        }>
                        <option value="" selected=current.field.is_empty()>{tr(Key::RepNone)}</option>
                        {field_options(&all, |f| f.groupable, &current.field)}
                    </select>
                    {bucketable.then(|| view! {
                        <select class="input select" aria-label=i18n.t(Key::RepBucket) name=format!("bucket-{i}")
                            on:change=move |ev| {
                                let bucket = parse_bucket(&event_target_value(&ev));
                                draft.update(|d| if let Some(g) = d.groups.get_mut(i) { g.bucket = bucket });
                            }>
                            {[(Bucket::Day, Key::RepDay), (Bucket::Week, Key::RepWeek), (Bucket::Month, Key::RepMonth)]
                                .into_iter()
                                .map(|(b, k)| view! {
                                    <option value=bucket_name(b) selected=current.bucket.unwrap_or(Bucket::Day) == b>{tr(k)}</option>
                                })
                                .collect_view()}
                        </select>
                    })}
                </div>
                <FieldError problem=problem path=format!("group_by[{i}].field") />
                <FieldError problem=problem path=format!("group_by[{i}].bucket") />
            </div>
        }
    };
    let measures = move || {
        let all = fields.get();
        let (entity, rows) = draft.with(|d| (d.entity, d.measures.clone()));
        let conversion = matches!(entity, ReportEntity::Leads | ReportEntity::Deals);
        let count = rows.len();
        rows.into_iter()
            .enumerate()
            .map(|(i, m)| {
                let functions: Vec<MeasureFn> = [MeasureFn::Count, MeasureFn::Sum, MeasureFn::Avg, MeasureFn::Conversion]
                    .into_iter()
                    .filter(|f| *f != MeasureFn::Conversion || conversion)
                    .collect();
                let needs_field = matches!(m.function, MeasureFn::Sum | MeasureFn::Avg);
                let selected_field = m.field.clone().unwrap_or_default();
                view! {
                    <fieldset class="report-row">
                        <legend class="sr-only">{format!("{} {}", i18n.t(Key::RepMeasures), i + 1)}</legend>
                        <select class="input select" aria-label=i18n.t(Key::RepMeasures) name=format!("measure-{i}")
                            on:change=move |ev| {
                                let name = event_target_value(&ev);
                                let function = [MeasureFn::Count, MeasureFn::Sum, MeasureFn::Avg, MeasureFn::Conversion]
                                    .into_iter()
                                    .find(|f| measure_fn_name(*f) == name)
                                    .unwrap_or(MeasureFn::Count);
                                let field = matches!(function, MeasureFn::Sum | MeasureFn::Avg)
                                    .then(|| fields.with_untracked(|all| all.iter().find(|f| f.measurable).map(|f| f.key.clone())))
                                    .flatten();
                                draft.update(|d| d.measures[i] = ReportMeasure { function, field });
                            }>
                            {functions.into_iter().map(|f| view! {
                                <option value=measure_fn_name(f) selected=f == m.function>{tr(fn_key(f))}</option>
                            }).collect_view()}
                        </select>
                        {needs_field.then(|| view! {
                            <select class="input select" aria-label=i18n.t(Key::RepField) name=format!("measure-field-{i}")
                                on:change=move |ev| {
                                    let key = event_target_value(&ev);
                                    draft.update(|d| d.measures[i].field = Some(key));
                                }>
                                {field_options(&all, |f| f.measurable, &selected_field)}
                            </select>
                        })}
                        {(count > 1).then(|| view! {
                            <button type="button" class="btn btn-ghost btn-sm" on:click=move |_| draft.update(|d| { d.measures.remove(i); })>
                                {tr(Key::RepRemove)}
                            </button>
                        })}
                        <FieldError problem=problem path=format!("measures[{i}].fn") />
                        <FieldError problem=problem path=format!("measures[{i}].field") />
                        <FieldError problem=problem path=format!("measures[{i}]") />
                    </fieldset>
                }
            })
            .collect_view()
    };
    let add_measure = move |_| {
        draft.update(|d| {
            d.measures.push(ReportMeasure {
                function: MeasureFn::Count,
                field: None,
            })
        })
    };
    let sort = move || {
        let all = fields.get();
        let lang = i18n.lang();
        let (groups, measures, by, dir) =
            draft.with(|d| (d.groups.clone(), d.measures.clone(), d.sort_by.clone(), d.sort_dir));
        let mut keys: Vec<String> = groups
            .iter()
            .filter(|g| !g.field.is_empty())
            .map(|g| g.field.clone())
            .collect();
        keys.extend(measures.iter().map(measure_key));
        let options = keys
            .into_iter()
            .map(|key| {
                let column = voronka_types::reports::ReportColumn {
                    key: key.clone(),
                    label: key.clone(),
                    kind: String::new(),
                };
                let label = column_label(&column, &all, lang);
                view! { <option value=key.clone() selected=key == by>{label}</option> }
            })
            .collect_view();
        view! {
            <div class="field compact">
                <label class="field-label" for="report-sort">{tr(Key::RepSort)}</label>
                <div class="report-inline">
                    <select class="input select" id="report-sort" name="sort"
                        on:change=move |ev| draft.update(|d| d.sort_by = event_target_value(&ev))>
                        <option value="" selected=by.is_empty()>{tr(Key::RepNone)}</option>
                        {options}
                    </select>
                    <select class="input select" aria-label=i18n.t(Key::RepSort) name="sort-dir"
                        on:change=move |ev| {
                            let dir = if event_target_value(&ev) == "asc" { SortDir::Asc } else { SortDir::Desc };
                            draft.update(|d| d.sort_dir = dir);
                        }>
                        <option value="desc" selected=dir == SortDir::Desc>{tr(Key::RepDesc)}</option>
                        <option value="asc" selected=dir == SortDir::Asc>{tr(Key::RepAsc)}</option>
                    </select>
                </div>
                <FieldError problem=problem path="sort[0].by".to_owned() />
            </div>
        }
    };
    view! {
        <div class="report-builder">
            <div class="field compact">
                <label class="field-label" for="report-entity">{tr(Key::RepEntity)}</label>
                <select class="input select" id="report-entity" name="entity"
                    on:change=move |ev| {
                        if let Some(entity) = parse_entity(&event_target_value(&ev)) {
                            draft.set(Draft::new(entity));
                            problem.set(None);
                        }
                    }>
                    {entity_picker}
                </select>
                <FieldError problem=problem path="entity".to_owned() />
            </div>
            <div class="report-groups">{move || group(0)}{move || group(1)}</div>
            <section class="report-part" aria-label=move || i18n.t(Key::RepMeasures)>
                <h3 class="report-part-title">{tr(Key::RepMeasures)}</h3>
                {measures}
                <button type="button" class="btn btn-ghost btn-sm" on:click=add_measure>{tr(Key::RepAddMeasure)}</button>
            </section>
            <section class="report-part" aria-label=move || i18n.t(Key::RepFilters)>
                <h3 class="report-part-title">{tr(Key::RepFilters)}</h3>
                {filters}
                <button type="button" class="btn btn-ghost btn-sm" on:click=add_filter
                    disabled=move || fields.with(Vec::is_empty)>{tr(Key::RepAddFilter)}</button>
            </section>
            {sort}
        </div>
    }
}

fn fields_signal_dated(fields: Signal<Vec<ReportFieldInfo>>, key: &str) -> bool {
    fields.with_untracked(|all| all.iter().any(|f| f.key == key && f.bucketable))
}

/// Sets group `i` (a date field starts by days) and drops trailing empty groups.
fn set_group(draft: &mut Draft, i: usize, field: String, dated: bool) {
    while draft.groups.len() <= i {
        draft.groups.push(ReportGroup {
            field: String::new(),
            bucket: None,
        });
    }
    draft.groups[i] = ReportGroup {
        field,
        bucket: dated.then_some(Bucket::Day),
    };
    while draft.groups.last().is_some_and(|g| g.field.is_empty()) {
        draft.groups.pop();
    }
}
