//! The strings of the Insights screen (report, trend, forecast, segments, recommendations),
//! English and Russian side by side. `insights_strings! { … }` adds them to the one `Key` table.

macro_rules! insights_strings {
    ($a:ident! { $b:ident! { $c:ident! { $d:ident! { $($rest:tt)* } } } }) => {
        $a! { $b! { $c! { $d! {
            $($rest)*

            // Page and period.
            NavInsights => "Insights", "Аналитика";
            InsightsSubtitle => "Your sales in figures, what they mean and what to do next.", "Продажи в цифрах: что они значат и что делать дальше.";
            Period => "Period", "Период";
            Last30Days => "30 days", "30 дней";
            ThisMonth => "This month", "Этот месяц";
            ThisQuarter => "Quarter", "Квартал";
            ThisYear => "Year", "Год";
            CustomRange => "Custom", "Свой";
            RangeFrom => "From", "С";
            RangeTo => "To", "По";
            ComparedWith => "Compared with {}", "В сравнении с {}";
            ComposedNote => "Composed from the figures", "Составлено по цифрам";
            LlmNote => "Written by AI from the figures", "Написано ИИ по цифрам";

            // Figures.
            Revenue => "Revenue", "Выручка";
            Orders => "Orders", "Заказы";
            Customers => "Customers", "Покупатели";
            NewReturning => "New: {} · returning: {}", "Новых: {} · вернувшихся: {}";
            RepeatRate => "Repeat purchase rate", "Доля повторных покупок";
            NoChange => "no earlier figure", "нет данных для сравнения";
            VsPrevious => "vs previous period", "к прошлому периоду";
            OtherCurrencies => "Not counted (other currencies): {}", "Не учтено (другие валюты): {}";

            // Trend.
            TrendTitle => "Trend", "Тренд";
            MetricLabel => "Measure", "Показатель";
            MetricRevenue => "Revenue", "Выручка";
            MetricOrders => "Orders", "Заказы";
            MetricNewCustomers => "New customers", "Новые покупатели";
            MetricAov => "Average order", "Средний чек";
            MetricLeads => "Leads", "Заявки";
            MetricConversion => "Lead conversion", "Конверсия заявок";
            GranularityLabel => "Step", "Шаг";
            ByDay => "Day", "День";
            ByWeek => "Week", "Неделя";
            ByMonth => "Month", "Месяц";
            TrendUp => "Going up", "Растёт";
            TrendDown => "Going down", "Снижается";
            TrendFlat => "No clear trend", "Без явного тренда";
            Significant => "statistically significant", "статистически значимо";
            NotSignificant => "not statistically significant", "статистически не значимо";
            OverPeriod => "{} over the period", "{} за период";
            BusiestWeekday => "Busiest weekday: {}", "Самый активный день недели: {}";
            BusiestMonth => "Busiest month: {}", "Самый активный месяц: {}";
            Anomaly => "Unusual: {} (expected {})", "Необычно: {} (ожидалось {})";
            AnomaliesCount => "Unusual points: {}", "Необычных точек: {}";
            SeriesLegend => "Actual", "Факт";
            RunningLegend => "Not over yet", "Ещё идёт";
            PartialBucket => "The period from {} is not over yet: it is drawn dashed and not counted in the trend.", "Период с {} ещё не закончился: он показан пунктиром и не учтён в тренде.";
            TrendLegend => "Trend (Theil–Sen)", "Тренд (Тейла–Сена)";
            ChartSummary => "{}: {} points from {} to {}, lowest {}, highest {}.", "{}: {} точек с {} по {}, минимум {}, максимум {}.";
            NoSeries => "No data for this period yet.", "За этот период данных пока нет.";

            // Forecast.
            ForecastTitle => "Forecast", "Прогноз";
            Horizon => "Ahead", "Вперёд на";
            HorizonSteps => "{} steps", "Шагов: {}";
            ForecastLegend => "Forecast", "Прогноз";
            Band80 => "80 % range", "Диапазон 80 %";
            Band95 => "95 % range", "Диапазон 95 %";
            ModelUsed => "Model: {}", "Модель: {}";
            BacktestError => "Backtest error (MASE) {} vs seasonal naive 1.00", "Ошибка на истории (MASE) {} против сезонной наивной 1,00";
            BetterThanNaive => "better than naive", "лучше наивной";
            WorseThanNaive => "worse than naive", "хуже наивной";
            NotEnoughData => "Not enough history for a forecast yet: {} points, {} needed.", "Для прогноза пока мало истории: точек {}, нужно {}.";
            ForecastSummary => "Forecast from {} to {}: {} to {}.", "Прогноз с {} по {}: от {} до {}.";

            // Segments.
            SegmentsTitle => "Customer segments", "Сегменты покупателей";
            SegmentsHint => "Tap a segment to see its buyers.", "Нажмите на сегмент, чтобы увидеть покупателей.";
            SegChampions => "Champions", "Чемпионы";
            SegLoyal => "Loyal", "Лояльные";
            SegPotentialLoyalists => "Potential loyalists", "Будущие лояльные";
            SegNew => "New", "Новые";
            SegPromising => "Promising", "Перспективные";
            SegNeedAttention => "Need attention", "Требуют внимания";
            SegAboutToSleep => "About to sleep", "Засыпающие";
            SegAtRisk => "At risk", "Под угрозой ухода";
            SegCantLose => "Can't lose", "Нельзя потерять";
            SegHibernating => "Hibernating", "Спящие";
            SegLost => "Lost", "Потерянные";
            BuyersOf => "Buyers: {}", "Покупатели: {}";
            ChurnRisk => "Churn risk", "Риск ухода";
            RiskLow => "Low", "Низкий";
            RiskMedium => "Medium", "Средний";
            RiskHigh => "High", "Высокий";
            NoBuyers => "No buyers in this segment.", "В этом сегменте нет покупателей.";

            // Recommendations.
            RecommendationsTitle => "Recommendations", "Рекомендации";
            NoRecommendations => "Nothing urgent: no recommendations right now.", "Ничего срочного: рекомендаций сейчас нет.";
            Dismiss => "Dismiss", "Скрыть";
            ApplyConfirm => "Create tasks: {}?", "Создать задач: {}?";
            TasksCreated => "Tasks created: {}.", "Создано задач: {}.";
            Dismissed => "Recommendation hidden.", "Рекомендация скрыта.";
            ErrNothingToApply => "This is advice only: there is nothing to create.", "Это только совет: создавать нечего.";

            // Tables.
            TopCustomers => "Top customers", "Лучшие покупатели";
            TopProducts => "Top products", "Лучшие товары";
            LeadsBySource => "Leads by source", "Заявки по источникам";
            Product => "Product", "Товар";
            Quantity => "Quantity", "Количество";
            Won => "Won", "Успешно";
            Conversion => "Conversion", "Конверсия";
            NoRows => "Nothing in this period.", "За этот период ничего нет.";
        } } } }
    };
}

pub(super) use insights_strings;
