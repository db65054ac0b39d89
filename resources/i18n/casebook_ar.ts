<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ar_EG">
<context>
    <name>AddUserDialog</name>
    <message>
        <source>Add user</source>
        <translation>إضافة مستخدم</translation>
    </message>
    <message>
        <source>Only a supervisor can add a supervisor.</source>
        <translation>لا يضيف مشرفًا إلا مشرف.</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>الاسم:</translation>
    </message>
    <message>
        <source>Role:</source>
        <translation>الدور:</translation>
    </message>
    <message>
        <source>Let the new user type their own passphrase here. They get their own key to the same vault, and can change the passphrase later.</source>
        <translation>دع المستخدم الجديد يكتب عبارة المرور الخاصة به هنا بنفسه. سيحصل على مفتاح خاص به إلى الخزنة نفسها، ويمكنه تغيير عبارة المرور لاحقًا.</translation>
    </message>
    <message>
        <source>Enter the new user&apos;s name.</source>
        <translation>أدخل اسم المستخدم الجديد.</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <source>Vault warnings</source>
        <translation>تنبيهات الخزنة</translation>
    </message>
    <message>
        <source>Casebook noticed something you should know about this vault:</source>
        <translation>لاحظ Casebook أمرًا ينبغي أن تعرفه عن هذه الخزنة:</translation>
    </message>
</context>
<context>
    <name>CaseListPlaceholder</name>
    <message>
        <source>No cases yet</source>
        <translation>لا توجد قضايا بعد</translation>
    </message>
    <message>
        <source>Incidents, the people involved and their statements will be listed here. Recording cases comes in the next version of Casebook.</source>
        <translation>ستظهر هنا الحوادث والأشخاص المعنيون بها وإفاداتهم. تسجيل القضايا سيأتي في الإصدار القادم من Casebook.</translation>
    </message>
    <message>
        <source>Cases</source>
        <translation>القضايا</translation>
    </message>
</context>
<context>
    <name>ChangePassphraseDialog</name>
    <message>
        <source>Change passphrase</source>
        <translation>تغيير عبارة المرور</translation>
    </message>
    <message>
        <source>Current passphrase:</source>
        <translation>عبارة المرور الحالية:</translation>
    </message>
    <message>
        <source>Only your own passphrase changes. Other users keep theirs, and nothing in the vault is rewritten.</source>
        <translation>تتغير عبارة المرور الخاصة بك وحدها. يحتفظ المستخدمون الآخرون بعباراتهم، ولا يُعاد كتابة أي شيء في الخزنة.</translation>
    </message>
    <message>
        <source>Enter your current passphrase.</source>
        <translation>أدخل عبارة المرور الحالية.</translation>
    </message>
    <message>
        <source>The current passphrase is not correct.</source>
        <translation>عبارة المرور الحالية غير صحيحة.</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <source>Wrong passphrase</source>
        <translation>عبارة مرور خاطئة</translation>
    </message>
    <message>
        <source>This passphrase does not open the vault. Check the keyboard language and Caps Lock, then try again.</source>
        <translation>عبارة المرور هذه لا تفتح الخزنة. تحقّق من لغة لوحة المفاتيح ومن مفتاح الأحرف الكبيرة (Caps Lock)، ثم حاول مرة أخرى.</translation>
    </message>
    <message>
        <source>Damaged key file</source>
        <translation>ملف المفاتيح تالف</translation>
    </message>
    <message>
        <source>The vault&apos;s key file asks for unsafe settings. It was damaged or altered, so Casebook did not try your passphrase.</source>
        <translation>ملف مفاتيح الخزنة يطلب إعدادات غير آمنة، فقد تلف أو عُدِّل؛ لذلك لم يجرّب Casebook عبارة المرور الخاصة بك.</translation>
    </message>
    <message>
        <source>The vault&apos;s key file is damaged, so Casebook cannot open the vault. This is not a problem with your passphrase.</source>
        <translation>ملف مفاتيح الخزنة تالف، لذلك لا يستطيع Casebook فتح الخزنة. المشكلة ليست في عبارة المرور الخاصة بك.</translation>
    </message>
    <message>
        <source>Damaged database</source>
        <translation>قاعدة البيانات تالفة</translation>
    </message>
    <message>
        <source>The vault&apos;s database is damaged or does not belong to this vault. This is not a problem with your passphrase.</source>
        <translation>قاعدة بيانات الخزنة تالفة أو لا تعود إلى هذه الخزنة. المشكلة ليست في عبارة المرور الخاصة بك.</translation>
    </message>
    <message>
        <source>Damaged data</source>
        <translation>بيانات تالفة</translation>
    </message>
    <message>
        <source>A file of the vault is damaged or was altered.</source>
        <translation>أحد ملفات الخزنة تالف أو جرى تعديله.</translation>
    </message>
    <message>
        <source>No vault found</source>
        <translation>لم يُعثر على خزنة</translation>
    </message>
    <message>
        <source>There is no Casebook vault in this folder.</source>
        <translation>لا توجد خزنة Casebook في هذا المجلد.</translation>
    </message>
    <message>
        <source>Folder not empty</source>
        <translation>المجلد ليس فارغًا</translation>
    </message>
    <message>
        <source>A new vault needs an empty or new folder.</source>
        <translation>تحتاج الخزنة الجديدة إلى مجلد فارغ أو جديد.</translation>
    </message>
    <message>
        <source>Vault locked</source>
        <translation>الخزنة مقفلة</translation>
    </message>
    <message>
        <source>The vault is locked. Unlock it to continue.</source>
        <translation>الخزنة مقفلة. افتحها للمتابعة.</translation>
    </message>
    <message>
        <source>Newer Casebook needed</source>
        <translation>يلزم إصدار أحدث من Casebook</translation>
    </message>
    <message>
        <source>This vault was written by a newer version of Casebook.</source>
        <translation>كُتبت هذه الخزنة بإصدار أحدث من Casebook.</translation>
    </message>
    <message>
        <source>Not allowed</source>
        <translation>غير مسموح</translation>
    </message>
    <message>
        <source>Your role does not allow this.</source>
        <translation>دورك لا يسمح بهذا.</translation>
    </message>
    <message>
        <source>Please check your entry</source>
        <translation>يرجى التحقق مما أدخلته</translation>
    </message>
    <message>
        <source>Some of what you entered cannot be used.</source>
        <translation>بعض ما أدخلته لا يمكن استخدامه.</translation>
    </message>
    <message>
        <source>Could not finish</source>
        <translation>تعذّر الإتمام</translation>
    </message>
    <message>
        <source>Casebook could not finish this action.</source>
        <translation>تعذّر على Casebook إتمام هذا الإجراء.</translation>
    </message>
    <message>
        <source>File problem</source>
        <translation>مشكلة في ملف</translation>
    </message>
    <message>
        <source>Casebook could not read or write a file. Check that the folder exists, that you may write to it and that the disk is not full.</source>
        <translation>تعذّر على Casebook قراءة ملف أو كتابته. تحقّق من أن المجلد موجود، وأن لديك إذنًا بالكتابة فيه، وأن القرص غير ممتلئ.</translation>
    </message>
    <message>
        <source>Unexpected problem</source>
        <translation>مشكلة غير متوقعة</translation>
    </message>
    <message>
        <source>Something unexpected stopped this action. You can try again; if it happens again, lock the vault and restart Casebook.</source>
        <translation>أوقف أمرٌ غير متوقع هذا الإجراء. يمكنك المحاولة مرة أخرى؛ وإذا تكرر ذلك فاقفل الخزنة وأعد تشغيل Casebook.</translation>
    </message>
</context>
<context>
    <name>FirstRunWindow</name>
    <message>
        <source>Casebook: get started</source>
        <translation>Casebook: البدء</translation>
    </message>
    <message>
        <source>Casebook keeps your documentation encrypted on this computer. Nothing leaves it unless you export it.</source>
        <translation>يحفظ Casebook توثيقك مشفّرًا على هذا الحاسوب، ولا يخرج منه شيء إلا إذا صدّرته بنفسك.</translation>
    </message>
    <message>
        <source>Create a new vault</source>
        <translation>إنشاء خزنة جديدة</translation>
    </message>
    <message>
        <source>Start a new encrypted vault on this computer. You will be its first user.</source>
        <translation>أنشئ خزنة مشفّرة جديدة على هذا الحاسوب، وستكون أول مستخدم لها.</translation>
    </message>
    <message>
        <source>Open an existing vault</source>
        <translation>فتح خزنة موجودة</translation>
    </message>
    <message>
        <source>Choose the folder of a vault on this computer or on a USB drive.</source>
        <translation>اختر مجلد خزنة موجودة على هذا الحاسوب أو على ذاكرة USB.</translation>
    </message>
    <message>
        <source>Welcome to Casebook</source>
        <translation>مرحبًا بك في Casebook</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>استعراض…</translation>
    </message>
    <message>
        <source>Vault folder:</source>
        <translation>مجلد الخزنة:</translation>
    </message>
    <message>
        <source>Your name:</source>
        <translation>اسمك:</translation>
    </message>
    <message>
        <source>Your role:</source>
        <translation>دورك:</translation>
    </message>
    <message>
        <source>Write the passphrase down and keep it somewhere safe. If it is lost, nobody can open the vault: there is no way to reset it.</source>
        <translation>دوّن عبارة المرور واحفظها في مكان آمن. إذا فُقدت فلن يستطيع أحد فتح الخزنة، إذ لا توجد طريقة لإعادة تعيينها.</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>رجوع</translation>
    </message>
    <message>
        <source>Create vault</source>
        <translation>إنشاء الخزنة</translation>
    </message>
    <message>
        <source>Choose the folder that holds the file vault.key.</source>
        <translation>اختر المجلد الذي يحتوي على الملف vault.key.</translation>
    </message>
    <message>
        <source>Open vault</source>
        <translation>فتح الخزنة</translation>
    </message>
    <message>
        <source>Where should the new vault go?</source>
        <translation>أين تريد إنشاء الخزنة الجديدة؟</translation>
    </message>
    <message>
        <source>Choose the vault folder</source>
        <translation>اختر مجلد الخزنة</translation>
    </message>
    <message>
        <source>Choose a folder for the vault.</source>
        <translation>اختر مجلدًا للخزنة.</translation>
    </message>
    <message>
        <source>Enter your name.</source>
        <translation>أدخل اسمك.</translation>
    </message>
    <message>
        <source>There is no Casebook vault in this folder. Choose the folder that holds the file vault.key.</source>
        <translation>لا توجد خزنة Casebook في هذا المجلد. اختر المجلد الذي يحتوي على الملف vault.key.</translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <source>Documenter</source>
        <translation>موثِّق</translation>
    </message>
    <message>
        <source>Supervisor</source>
        <translation>مشرف</translation>
    </message>
    <message>
        <source>Very weak</source>
        <translation>ضعيفة جدًا</translation>
    </message>
    <message>
        <source>Weak</source>
        <translation>ضعيفة</translation>
    </message>
    <message>
        <source>Fair</source>
        <translation>مقبولة</translation>
    </message>
    <message>
        <source>Good</source>
        <translation>جيدة</translation>
    </message>
    <message>
        <source>Strong</source>
        <translation>قوية</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Casebook</source>
        <translation>Casebook</translation>
    </message>
    <message>
        <source>&amp;Lock</source>
        <translation>&amp;قفل</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;خروج</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;ملف</translation>
    </message>
    <message>
        <source>Vault &amp;information</source>
        <translation>&amp;معلومات الخزنة</translation>
    </message>
    <message>
        <source>&amp;Add user…</source>
        <translation>إ&amp;ضافة مستخدم…</translation>
    </message>
    <message>
        <source>&amp;Change passphrase…</source>
        <translation>&amp;تغيير عبارة المرور…</translation>
    </message>
    <message>
        <source>&amp;Vault</source>
        <translation>ال&amp;خزنة</translation>
    </message>
    <message>
        <source>&amp;Preferences…</source>
        <translation>&amp;التفضيلات…</translation>
    </message>
    <message>
        <source>&amp;Settings</source>
        <translation>الإ&amp;عدادات</translation>
    </message>
    <message>
        <source>&amp;About Casebook</source>
        <translation>&amp;حول Casebook</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>م&amp;ساعدة</translation>
    </message>
    <message>
        <source>Signed in as {name} ({role})</source>
        <translation>مسجَّل الدخول باسم {name} ({role})</translation>
    </message>
    <message>
        <source>About Casebook</source>
        <translation>حول Casebook</translation>
    </message>
    <message>
        <source>Casebook {version}</source>
        <translation>Casebook {version}</translation>
    </message>
    <message>
        <source>Encrypted, offline documentation of human-rights violations.

Free software under the GNU General Public License, version 3 or later. Arabic text uses Noto Sans Arabic under the SIL Open Font License 1.1.</source>
        <translation>توثيق مشفّر لانتهاكات حقوق الإنسان يعمل دون اتصال بالإنترنت.

برنامج حر مرخّص بموجب رخصة جنو العمومية العامة (GNU GPL)، الإصدار 3 أو أي إصدار لاحق. يُعرض النص العربي بخط Noto Sans Arabic المرخّص بموجب رخصة SIL للخطوط المفتوحة، الإصدار 1.1.</translation>
    </message>
    <message>
        <source>{name} was added to the vault.</source>
        <translation>أُضيف {name} إلى الخزنة.</translation>
    </message>
    <message>
        <source>Your passphrase was changed.</source>
        <translation>تم تغيير عبارة المرور الخاصة بك.</translation>
    </message>
</context>
<context>
    <name>NewPassphraseFields</name>
    <message>
        <source>Passphrase:</source>
        <translation>عبارة المرور:</translation>
    </message>
    <message>
        <source>Repeat passphrase:</source>
        <translation>أعد كتابة عبارة المرور:</translation>
    </message>
    <message>
        <source>Strength:</source>
        <translation>القوة:</translation>
    </message>
    <message>
        <source>Enter a passphrase.</source>
        <translation>أدخل عبارة مرور.</translation>
    </message>
    <message>
        <source>The two passphrases are not the same.</source>
        <translation>عبارتا المرور غير متطابقتين.</translation>
    </message>
</context>
<context>
    <name>PassphraseFeedback</name>
    <message>
        <source>The passphrase is empty.</source>
        <translation>عبارة المرور فارغة.</translation>
    </message>
    <message>
        <source>Use a few words, avoid common phrases.</source>
        <translation>استخدم بضع كلمات، وتجنّب العبارات الشائعة.</translation>
    </message>
    <message>
        <source>No need for symbols, digits, or uppercase letters.</source>
        <translation>لا حاجة إلى رموز أو أرقام أو أحرف كبيرة.</translation>
    </message>
    <message>
        <source>Add another word or two. Uncommon words are better.</source>
        <translation>أضف كلمة أو كلمتين. الكلمات غير الشائعة أفضل.</translation>
    </message>
    <message>
        <source>Straight rows of keys are easy to guess.</source>
        <translation>الصفوف المتتالية من مفاتيح لوحة المفاتيح سهلة التخمين.</translation>
    </message>
    <message>
        <source>Short keyboard patterns are easy to guess.</source>
        <translation>الأنماط القصيرة على لوحة المفاتيح سهلة التخمين.</translation>
    </message>
    <message>
        <source>Use a longer keyboard pattern with more turns.</source>
        <translation>استخدم نمطًا أطول على لوحة المفاتيح مع تغييرات أكثر في الاتجاه.</translation>
    </message>
    <message>
        <source>Repeats like &quot;aaa&quot; are easy to guess.</source>
        <translation>التكرار مثل &quot;aaa&quot; سهل التخمين.</translation>
    </message>
    <message>
        <source>Repeats like &quot;abcabcabc&quot; are only slightly harder to guess than &quot;abc&quot;.</source>
        <translation>التكرار مثل &quot;abcabcabc&quot; أصعب قليلًا فقط في التخمين من &quot;abc&quot;.</translation>
    </message>
    <message>
        <source>Avoid repeated words and characters.</source>
        <translation>تجنّب تكرار الكلمات والأحرف.</translation>
    </message>
    <message>
        <source>Sequences like &quot;abc&quot; or &quot;6543&quot; are easy to guess.</source>
        <translation>التسلسلات مثل &quot;abc&quot; أو &quot;6543&quot; سهلة التخمين.</translation>
    </message>
    <message>
        <source>Avoid sequences.</source>
        <translation>تجنّب التسلسلات.</translation>
    </message>
    <message>
        <source>Recent years are easy to guess.</source>
        <translation>السنوات الأخيرة سهلة التخمين.</translation>
    </message>
    <message>
        <source>Avoid recent years.</source>
        <translation>تجنّب السنوات الأخيرة.</translation>
    </message>
    <message>
        <source>Avoid years that are associated with you.</source>
        <translation>تجنّب السنوات المرتبطة بك.</translation>
    </message>
    <message>
        <source>Dates are often easy to guess.</source>
        <translation>التواريخ غالبًا سهلة التخمين.</translation>
    </message>
    <message>
        <source>Avoid dates and years that are associated with you.</source>
        <translation>تجنّب التواريخ والسنوات المرتبطة بك.</translation>
    </message>
    <message>
        <source>This is a top-10 common password.</source>
        <translation>هذه من أكثر 10 كلمات مرور شيوعًا.</translation>
    </message>
    <message>
        <source>This is a top-100 common password.</source>
        <translation>هذه من أكثر 100 كلمة مرور شيوعًا.</translation>
    </message>
    <message>
        <source>This is a very common password.</source>
        <translation>هذه كلمة مرور شائعة جدًا.</translation>
    </message>
    <message>
        <source>This is similar to a commonly used password.</source>
        <translation>هذه تشبه كلمة مرور شائعة الاستخدام.</translation>
    </message>
    <message>
        <source>A word by itself is easy to guess.</source>
        <translation>الكلمة الواحدة وحدها سهلة التخمين.</translation>
    </message>
    <message>
        <source>Names and surnames by themselves are easy to guess.</source>
        <translation>الأسماء وأسماء العائلات وحدها سهلة التخمين.</translation>
    </message>
    <message>
        <source>Common names and surnames are easy to guess.</source>
        <translation>الأسماء وأسماء العائلات الشائعة سهلة التخمين.</translation>
    </message>
    <message>
        <source>Capitalization doesn&apos;t help very much.</source>
        <translation>البدء بحرف كبير لا يفيد كثيرًا.</translation>
    </message>
    <message>
        <source>All-uppercase is almost as easy to guess as all-lowercase.</source>
        <translation>الكتابة بالأحرف الكبيرة كلها سهلة التخمين تقريبًا مثل الكتابة بالأحرف الصغيرة كلها.</translation>
    </message>
    <message>
        <source>Reversed words aren&apos;t much harder to guess.</source>
        <translation>الكلمات المعكوسة ليست أصعب كثيرًا في التخمين.</translation>
    </message>
    <message>
        <source>Predictable substitutions like &apos;@&apos; instead of &apos;a&apos; don&apos;t help very much.</source>
        <translation>الاستبدالات المتوقعة مثل &apos;@&apos; بدلًا من &apos;a&apos; لا تفيد كثيرًا.</translation>
    </message>
</context>
<context>
    <name>PreferencesDialog</name>
    <message>
        <source>Preferences</source>
        <translation>التفضيلات</translation>
    </message>
    <message>
        <source> min</source>
        <translation> دقيقة</translation>
    </message>
    <message>
        <source>Language:</source>
        <translation>اللغة:</translation>
    </message>
    <message>
        <source>Lock after inactivity:</source>
        <translation>القفل بعد عدم النشاط:</translation>
    </message>
    <message>
        <source>Casebook locks the vault after this many minutes without keyboard, mouse or touch input. Press Ctrl+L to lock it at once.</source>
        <translation>يقفل Casebook الخزنة بعد هذا العدد من الدقائق دون أي إدخال من لوحة المفاتيح أو الفأرة أو اللمس. اضغط Ctrl+L لقفلها فورًا.</translation>
    </message>
</context>
<context>
    <name>StrengthMeter</name>
    <message>
        <source>Weak: someone with a copy of the vault could guess it. Use four or more unrelated words.</source>
        <translation>ضعيفة: يستطيع من يملك نسخة من الخزنة أن يخمّنها. استخدم أربع كلمات أو أكثر لا رابط بينها.</translation>
    </message>
</context>
<context>
    <name>UnlockDialog</name>
    <message>
        <source>Unlock Casebook</source>
        <translation>فتح Casebook</translation>
    </message>
    <message>
        <source>Vault:</source>
        <translation>الخزنة:</translation>
    </message>
    <message>
        <source>Passphrase:</source>
        <translation>عبارة المرور:</translation>
    </message>
    <message>
        <source>Open another vault…</source>
        <translation>فتح خزنة أخرى…</translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation>فتح القفل</translation>
    </message>
    <message>
        <source>Unlock your vault</source>
        <translation>افتح خزنتك</translation>
    </message>
    <message>
        <source>Enter the vault&apos;s passphrase.</source>
        <translation>أدخل عبارة مرور الخزنة.</translation>
    </message>
</context>
<context>
    <name>VaultInfoDialog</name>
    <message>
        <source>Vault information</source>
        <translation>معلومات الخزنة</translation>
    </message>
    <message>
        <source>Folder:</source>
        <translation>المجلد:</translation>
    </message>
    <message>
        <source>Vault ID:</source>
        <translation>معرّف الخزنة:</translation>
    </message>
    <message>
        <source>Audit entries:</source>
        <translation>قيود سجل التدقيق:</translation>
    </message>
    <message>
        <source>Casebook version:</source>
        <translation>إصدار Casebook:</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>الاسم</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>الدور</translation>
    </message>
    <message>
        <source>Key fingerprint</source>
        <translation>بصمة المفتاح</translation>
    </message>
    <message>
        <source>Added</source>
        <translation>تاريخ الإضافة</translation>
    </message>
    <message>
        <source>Compare fingerprints in person or by phone to be sure a package or dossier was signed by the person you think.</source>
        <translation>قارن البصمات وجهًا لوجه أو عبر الهاتف لتتأكد من أن الحزمة أو الملف موقَّع من الشخص الذي تظنه.</translation>
    </message>
    <message>
        <source>Copy fingerprint</source>
        <translation>نسخ البصمة</translation>
    </message>
    <message>
        <source>Users of this vault:</source>
        <translation>مستخدمو هذه الخزنة:</translation>
    </message>
    <message>
        <source>{name} (you)</source>
        <translation>{name} (أنت)</translation>
    </message>
</context>
<context>
    <name>WeakPassphraseQuestion</name>
    <message>
        <source>Weak passphrase</source>
        <translation>عبارة مرور ضعيفة</translation>
    </message>
    <message>
        <source>This passphrase is weak. Anyone who copies the vault could try guesses against it without limit. Use it anyway?</source>
        <translation>عبارة المرور هذه ضعيفة. يستطيع أي شخص ينسخ الخزنة أن يجرّب تخمينها دون حدّ. هل تريد استخدامها رغم ذلك؟</translation>
    </message>
    <message>
        <source>Use weak passphrase</source>
        <translation>استخدام العبارة الضعيفة</translation>
    </message>
    <message>
        <source>Choose another</source>
        <translation>اختيار عبارة أخرى</translation>
    </message>
</context>
</TS>
