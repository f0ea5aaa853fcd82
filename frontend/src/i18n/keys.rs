//! Every interface string, English and Russian side by side. Adding a key without both
//! translations does not compile.

use super::Lang;
use super::keys_contacts::contact_strings;
use super::keys_dashboard::dashboard_strings;
use super::keys_deals::deals_strings;
use super::keys_insights::insights_strings;
use super::keys_integrations::integration_strings;
use super::keys_leads::lead_strings;
use super::keys_reports::reports_strings;
use super::keys_tasks::tasks_strings;

macro_rules! strings {
    ($($key:ident => $en:literal, $ru:literal;)+) => {
        /// One interface string.
        // Names follow the screens (`NewKey`, `KeyName` …), so some repeat the word "key".
        #[allow(clippy::enum_variant_names)]
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum Key {
            $($key,)+
        }

        impl Key {
            /// The text in `lang`.
            pub fn text(self, lang: Lang) -> &'static str {
                // A table rather than a `match`: one lookup instead of two arms per string
                // keeps the wasm smaller. Rows follow the variants; columns follow `Lang`.
                const TEXTS: &[[&str; 2]] = &[$([$en, $ru],)+];
                TEXTS[self as usize][lang as usize]
            }
        }
    };
}

// The leads screens keep their strings in `keys_leads.rs`, the integration settings in
// `keys_integrations.rs`; these calls add them to the table.
deals_strings! { tasks_strings! { reports_strings! { dashboard_strings! { insights_strings! { contact_strings! { integration_strings! { lead_strings! { strings! {
    // Sign-in, sign-up, password reset.
    SignIn => "Sign in", "Войти";
    SignInTitle => "Welcome back", "С возвращением";
    SignInSubtitle => "Sign in to your company's workspace.", "Войдите в рабочее пространство компании.";
    Email => "E-mail", "Эл. почта";
    Password => "Password", "Пароль";
    ForgotPassword => "Forgot password?", "Забыли пароль?";
    NoAccount => "New to Voronka?", "Впервые в Voronka?";
    CreateAccount => "Create a company account", "Создать аккаунт компании";
    HaveAccount => "Already have an account?", "Уже есть аккаунт?";
    RegisterTitle => "Start with Voronka", "Начните работу с Voronka";
    RegisterSubtitle => "Create your company's workspace in a minute. You'll be its owner.", "Создайте рабочее пространство компании за минуту. Вы станете его владельцем.";
    CompanyName => "Company name", "Название компании";
    YourName => "Your name", "Ваше имя";
    PasswordHint => "At least 10 characters. A short phrase is easy to remember.", "Не меньше 10 символов. Короткую фразу легко запомнить.";
    RegisterSubmit => "Create account", "Создать аккаунт";
    TotpTitle => "Two-factor authentication", "Двухфакторная аутентификация";
    TotpPrompt => "Enter the 6-digit code from your authenticator app.", "Введите 6-значный код из приложения-аутентификатора.";
    TotpCode => "Code", "Код";
    Verify => "Verify", "Подтвердить";
    Back => "Back", "Назад";
    ForgotTitle => "Reset your password", "Сброс пароля";
    ForgotSubtitle => "We'll e-mail you a link to set a new password.", "Мы пришлём на почту ссылку для нового пароля.";
    SendLink => "Send reset link", "Отправить ссылку";
    ForgotSent => "If an account exists for {}, a reset link is on its way. Check your inbox.", "Если аккаунт с адресом {} существует, ссылка уже в пути. Проверьте почту.";
    BackToSignIn => "Back to sign in", "Вернуться ко входу";
    ResetTitle => "Choose a new password", "Придумайте новый пароль";
    ResetSubtitle => "After that, sign in with the new password.", "После этого войдите с новым паролем.";
    NewPassword => "New password", "Новый пароль";
    RepeatPassword => "Repeat the new password", "Повторите новый пароль";
    PasswordsDiffer => "The passwords do not match", "Пароли не совпадают";
    SetPassword => "Set password", "Сохранить пароль";
    ResetDone => "Your password has been changed. Sign in with the new one.", "Пароль изменён. Войдите с новым паролем.";
    ResetNoToken => "This reset link is incomplete. Request a new one.", "Ссылка для сброса неполная. Запросите новую.";
    Language => "Language", "Язык";
    Loading => "Loading…", "Загрузка…";
    TryAgain => "Try again", "Повторить";

    // Shell and navigation.
    NavHome => "Home", "Главная";
    NavTeam => "Team", "Команда";
    NavRoles => "Roles", "Роли";
    NavApiKeys => "API keys", "API-ключи";
    NavAudit => "Audit log", "Журнал";
    NavProfile => "Profile", "Профиль";
    SignOut => "Sign out", "Выйти";
    MainNav => "Main navigation", "Основная навигация";
    Offline => "You're offline. Changes need a connection.", "Нет сети. Для изменений нужно подключение.";

    // Home.
    GoodMorning => "Good morning, {}", "Доброе утро, {}";
    GoodAfternoon => "Good afternoon, {}", "Добрый день, {}";
    GoodEvening => "Good evening, {}", "Добрый вечер, {}";
    GetSetUp => "Get set up", "Настройка";
    QuickLeads => "Work your leads", "Работайте с заявками";
    QuickLeadsHint => "The board and the list of every request", "Канбан и список всех обращений";
    QuickTeam => "Build your team", "Соберите команду";
    QuickTeamHint => "Add managers and give them roles", "Добавьте менеджеров и назначьте роли";
    QuickKeys => "Connect your app", "Подключите приложение";
    QuickKeysHint => "Create an API key for your site or app", "Создайте API-ключ для сайта или приложения";
    QuickRoles => "Tune permissions", "Настройте права";
    QuickRolesHint => "Decide who sees and changes what", "Решите, кто что видит и меняет";
    QuickProfile => "Secure your account", "Защитите аккаунт";
    QuickProfileHint => "Turn on two-factor authentication", "Включите двухфакторную аутентификацию";
    StatPeople => "Team members", "Сотрудники";
    StatKeys => "API keys", "API-ключи";
    StatTwoFactor => "Two-factor", "Вход с кодом";
    StatOn => "On", "Вкл.";
    StatOff => "Off", "Выкл.";
    QuickAudit => "Review activity", "Просмотрите действия";
    QuickAuditHint => "See every change in your company", "Все изменения в вашей компании";

    // Profile.
    Name => "Name", "Имя";
    Role => "Role", "Роль";
    Company => "Company", "Компания";
    MemberSince => "Member since", "В команде с";
    ChangePassword => "Change password", "Смена пароля";
    CurrentPassword => "Current password", "Текущий пароль";
    PasswordChanged => "Password changed. Your other sessions have been signed out.", "Пароль изменён. Остальные сеансы завершены.";
    Save => "Save", "Сохранить";
    Cancel => "Cancel", "Отмена";
    Close => "Close", "Закрыть";
    Copy => "Copy", "Копировать";
    Copied => "Copied", "Скопировано";
    TwoFactor => "Two-factor authentication", "Двухфакторная аутентификация";
    On => "On", "Включена";
    Off => "Off", "Выключена";
    TotpOffHint => "Protect your account with a one-time code from an authenticator app such as Google Authenticator, 1Password or Yandex Key.", "Защитите аккаунт одноразовым кодом из приложения-аутентификатора: Google Authenticator, 1Password или Яндекс Ключ.";
    TotpEnable => "Set up two-factor", "Настроить";
    TotpScan => "Scan the QR code with your authenticator app, open the link on this phone, or type the secret key by hand. Then enter the code it shows.", "Отсканируйте QR-код приложением-аутентификатором, откройте ссылку на этом телефоне или введите ключ вручную. Затем введите показанный код.";
    TotpSecret => "Secret key", "Секретный ключ";
    TotpOpenApp => "Open in authenticator app", "Открыть в приложении";
    TotpConfirm => "Confirm and turn on", "Подтвердить и включить";
    TotpEnabledDone => "Two-factor authentication is on.", "Двухфакторная аутентификация включена.";
    TotpOnHint => "Each sign-in asks for a code from your authenticator app.", "При каждом входе потребуется код из приложения-аутентификатора.";
    TotpDisable => "Turn off two-factor", "Отключить";
    TotpDisableHint => "Enter your password and a current code to turn it off.", "Чтобы отключить, введите пароль и текущий код.";
    TotpDisabledDone => "Two-factor authentication is off.", "Двухфакторная аутентификация отключена.";

    // Team.
    TeamSubtitle => "Everyone at your company who works in Voronka.", "Все сотрудники компании, которые работают в Voronka.";
    AddUser => "Add user", "Добавить";
    SearchPeople => "Search by name or e-mail", "Поиск по имени или почте";
    AllRoles => "All roles", "Все роли";
    AllStatuses => "All statuses", "Все статусы";
    StatusActive => "Active", "Активен";
    StatusInactive => "Inactive", "Неактивен";
    Status => "Status", "Статус";
    StartDate => "Start date", "Дата выхода на работу";
    InitialPassword => "Initial password", "Начальный пароль";
    Optional => "optional", "необязательно";
    InitialPasswordHint => "Leave empty and they get an e-mail link to set their own.", "Оставьте пустым — пользователь получит ссылку на почту и задаст пароль сам.";
    CreateUser => "Create user", "Создать пользователя";
    NewUser => "New user", "Новый пользователь";
    EditUser => "Edit user", "Изменить пользователя";
    UserCreated => "{} has been added to the team.", "{} — в команде.";
    UserSaved => "Changes to {} saved.", "Изменения для {} сохранены.";
    NoUsers => "No one matches these filters.", "Никого не нашлось.";
    LoadMore => "Load more", "Показать ещё";
    TotalCount => "Total: {}", "Всего: {}";
    You => "you", "вы";
    NoAccess => "You don't have access to this page.", "У вас нет доступа к этой странице.";
    NoAccessHint => "Ask your company owner to grant you the permission.", "Попросите владельца компании выдать права.";
    Edit => "Edit", "Изменить";
    ReadOnlyTeam => "You can see the team, but only people with the “Manage users” permission can change it.", "Вы видите команду, но менять её могут только те, у кого есть право «Управлять пользователями».";

    // Roles.
    RolesSubtitle => "Choose what each role can see and do. Changes apply to everyone with the role.", "Выберите, что может видеть и делать каждая роль. Изменения действуют для всех с этой ролью.";
    Permission => "Permission", "Право";
    OwnerFixed => "Owners can always do everything.", "Владелец всегда может всё.";
    RoleSaved => "Permissions for “{}” saved.", "Права роли «{}» сохранены.";
    Unsaved => "Unsaved", "Не сохранено";
    GroupLeads => "Leads", "Лиды";
    GroupContacts => "Contacts", "Контакты";
    GroupDeals => "Deals", "Сделки";
    GroupTasks => "Tasks", "Задачи";
    GroupTeam => "Team & access", "Команда и доступ";
    GroupIntegrations => "Settings & integrations", "Настройки и интеграции";
    GroupInsights => "Reports & AI", "Отчёты и ИИ";

    // API keys.
    KeysSubtitle => "Keys let your website and apps send leads, customers and purchases to Voronka.", "Ключи позволяют сайту и приложениям передавать в Voronka лиды, клиентов и покупки.";
    NewKey => "New API key", "Новый ключ";
    KeyName => "Key name", "Название ключа";
    KeyNameHint => "For example, “Website form”", "Например, «Форма на сайте»";
    Scopes => "Scopes", "Права ключа";
    ScopesHint => "A key can only do what you can do yourself.", "Ключ может только то, что можете вы сами.";
    CreateKey => "Create key", "Создать ключ";
    SecretOnce => "Copy this key now. For your security it will not be shown again.", "Скопируйте ключ сейчас. Больше он показан не будет.";
    SecretDone => "I've saved the key", "Я сохранил ключ";
    KeyCreated => "Key “{}” created", "Ключ «{}» создан";
    Created => "Created", "Создан";
    LastUsed => "Last used", "Использован";
    Never => "Never", "Ни разу";
    Revoke => "Revoke", "Отозвать";
    RevokeConfirm => "Revoke “{}”? Apps using it stop working at once.", "Отозвать «{}»? Приложения с этим ключом сразу перестанут работать.";
    KeyRevoked => "Key revoked.", "Ключ отозван.";
    NoKeys => "No API keys yet", "API-ключей пока нет";
    NoKeysHint => "Create one to connect your website or app.", "Создайте ключ, чтобы подключить сайт или приложение.";
    SelectAll => "Select all", "Выбрать все";
    PickScope => "Pick at least one scope", "Выберите хотя бы одно право";

    // Audit log.
    AuditSubtitle => "Every change in your company, newest first.", "Все изменения в вашей компании, новые сверху.";
    System => "System", "Система";
    NoAudit => "Nothing has happened yet.", "Пока ничего не произошло.";

    // Not found.
    NotFoundTitle => "Page not found", "Страница не найдена";
    NotFoundBody => "The link may be broken, or the page has moved.", "Возможно, ссылка устарела или страница переехала.";
    GoHome => "Go to home", "На главную";

    // Problems.
    ErrNetwork => "Can't reach the server. Check your connection and try again.", "Нет связи с сервером. Проверьте подключение и попробуйте ещё раз.";
    ErrInvalidCredentials => "Wrong e-mail or password.", "Неверная почта или пароль.";
    ErrTotpInvalid => "That code didn't work. Check the time on your phone and try a fresh code.", "Код не подошёл. Проверьте время на телефоне и введите новый код.";
    ErrUserInactive => "Your account is deactivated. Ask your company owner to turn it back on.", "Ваш аккаунт отключён. Обратитесь к владельцу компании.";
    ErrEmailTaken => "This e-mail is already registered.", "Эта почта уже зарегистрирована.";
    ErrValidation => "Please check the highlighted fields.", "Проверьте отмеченные поля.";
    ErrSessionExpired => "Your session has ended. Please sign in again.", "Сеанс завершён. Войдите снова.";
    ErrForbidden => "You don't have permission to do that.", "У вас нет прав на это действие.";
    ErrNotFound => "Not found. It may have been removed.", "Не найдено. Возможно, объект удалён.";
    ErrInternal => "Something went wrong on our side. Please try again.", "Что-то пошло не так на нашей стороне. Попробуйте ещё раз.";
    ErrResetToken => "This reset link is invalid or has expired. Request a new one.", "Ссылка недействительна или устарела. Запросите новую.";
    ErrWrongPassword => "The password is wrong.", "Неверный пароль.";
    ErrOwnerOnly => "Only the company owner can do that.", "Это может сделать только владелец компании.";
    ErrTotpAlreadyOn => "Two-factor authentication is already on.", "Двухфакторная аутентификация уже включена.";
    ErrTotpAlreadyOff => "Two-factor authentication is already off.", "Двухфакторная аутентификация уже отключена.";
    ErrTotpNotEnrolled => "Start the set-up again: the secret has expired.", "Начните настройку заново: секрет устарел.";
    ErrTooMany => "Too many attempts. Please wait a little and try again.", "Слишком много попыток. Подождите немного и попробуйте снова.";
    ErrTooManyWait => "Too many attempts. Try again in {} s.", "Слишком много попыток. Повторите через {} с.";
    FieldRequired => "Required", "Обязательное поле";
    FieldInvalidEmail => "Enter a valid e-mail, like name@company.com", "Введите корректную почту, например name@company.ru";
    FieldPasswordShort => "Use at least 10 characters", "Не меньше 10 символов";
    FieldTooLong => "Too long", "Слишком длинно";
    FieldTooCommon => "This password is too easy to guess; pick another", "Этот пароль слишком легко угадать, выберите другой";
    FieldSameAsEmail => "The password must not be your e-mail", "Пароль не должен совпадать с почтой";
    FieldInvalidCharacters => "Contains characters that aren't allowed", "Содержит недопустимые символы";

    // Roles.
    RoleOwner => "Owner", "Владелец";
    RoleHeadOfSales => "Head of sales", "Руководитель продаж";
    RoleManager => "Sales manager", "Менеджер";
    RolePartner => "Partner", "Партнёр";
    RoleFranchisee => "Franchisee", "Франчайзи";
    RoleGuest => "Guest", "Гость";
    RolePlatformAdmin => "Platform admin", "Администратор платформы";
}}}}}}}}}
