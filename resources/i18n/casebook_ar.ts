<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ar_EG">
<context>
    <name>ActDialog</name>
    <message>
        <source>Choose the act type</source>
        <translation>اختر نوع الفعل</translation>
    </message>
    <message>
        <source>How it was done, in a few words</source>
        <translation>الطريقة التي نُفِّذ بها، بكلمات قليلة</translation>
    </message>
    <message>
        <source>For a disappearance: enquiries, complaints, visits to detention places, with dates and answers</source>
        <translation>في حالة الاختفاء: الاستفسارات والشكاوى والزيارات إلى أماكن الاحتجاز، مع تواريخها والردود عليها</translation>
    </message>
    <message>
        <source>Victim:</source>
        <translation>الضحية:</translation>
    </message>
    <message>
        <source>Act type:</source>
        <translation>نوع الفعل:</translation>
    </message>
    <message>
        <source>Method:</source>
        <translation>الوسيلة:</translation>
    </message>
    <message>
        <source>Date:</source>
        <translation>التاريخ:</translation>
    </message>
    <message>
        <source>Place:</source>
        <translation>المكان:</translation>
    </message>
    <message>
        <source>Status at the end:</source>
        <translation>الحال في النهاية:</translation>
    </message>
    <message>
        <source>Tags:</source>
        <translation>الوسوم:</translation>
    </message>
    <message>
        <source>Alleged perpetrators:</source>
        <translation>الجناة المزعومون:</translation>
    </message>
    <message>
        <source>Steps taken to locate the person:</source>
        <translation>الخطوات المتخذة لتحديد مكان الشخص:</translation>
    </message>
</context>
<context>
    <name>ActsPanel</name>
    <message>
        <source>Add act…</source>
        <translation>إضافة فعل…</translation>
    </message>
    <message>
        <source>Victim</source>
        <translation>الضحية</translation>
    </message>
    <message>
        <source>Act type</source>
        <translation>نوع الفعل</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>التاريخ</translation>
    </message>
    <message>
        <source>Status at the end</source>
        <translation>الحال في النهاية</translation>
    </message>
</context>
<context>
    <name>AddPersonDialog</name>
    <message>
        <source>Add a person to the incident</source>
        <translation>إضافة شخص إلى الحادثة</translation>
    </message>
    <message>
        <source>Type a name, in any spelling</source>
        <translation>اكتب اسمًا، بأي طريقة كتابة</translation>
    </message>
    <message>
        <source>Link this person</source>
        <translation>ربط هذا الشخص</translation>
    </message>
    <message>
        <source>New person…</source>
        <translation>شخص جديد…</translation>
    </message>
    <message>
        <source>Role in the incident:</source>
        <translation>الدور في الحادثة:</translation>
    </message>
    <message>
        <source>Find a person:</source>
        <translation>البحث عن شخص:</translation>
    </message>
</context>
<context>
    <name>AddPlaceDialog</name>
    <message>
        <source>Add a place</source>
        <translation>إضافة مكان</translation>
    </message>
    <message>
        <source>Name in English or in Latin letters</source>
        <translation>الاسم بالإنجليزية أو بالحروف اللاتينية</translation>
    </message>
    <message>
        <source>Name in Arabic script</source>
        <translation>الاسم بالحروف العربية</translation>
    </message>
    <message>
        <source>Optional, e.g. 35.3612</source>
        <translation>اختياري، مثلًا: 35.3612</translation>
    </message>
    <message>
        <source>Optional, e.g. 35.9256</source>
        <translation>اختياري، مثلًا: 35.9256</translation>
    </message>
    <message>
        <source>Inside:</source>
        <translation>ضمن:</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>الاسم:</translation>
    </message>
    <message>
        <source>Arabic name:</source>
        <translation>الاسم بالعربية:</translation>
    </message>
    <message>
        <source>Level:</source>
        <translation>المستوى:</translation>
    </message>
    <message>
        <source>Latitude:</source>
        <translation>خط العرض:</translation>
    </message>
    <message>
        <source>Longitude:</source>
        <translation>خط الطول:</translation>
    </message>
    <message>
        <source>Add place</source>
        <translation>إضافة المكان</translation>
    </message>
    <message>
        <source>A place cannot be added inside a site. Choose the community instead.</source>
        <translation>لا يمكن إضافة مكان ضمن موقع. اختر التجمّع السكني بدلًا منه.</translation>
    </message>
    <message>
        <source>Not a number, e.g. 35.3612.</source>
        <translation>هذا ليس رقمًا. اكتبه مثلًا بالشكل 35.3612.</translation>
    </message>
</context>
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
    <name>Audit</name>
    <message>
        <source>Vault created</source>
        <translation>إنشاء الخزنة</translation>
    </message>
    <message>
        <source>User added</source>
        <translation>إضافة مستخدم</translation>
    </message>
    <message>
        <source>Passphrase changed</source>
        <translation>تغيير عبارة المرور</translation>
    </message>
    <message>
        <source>Unlocked</source>
        <translation>فتح القفل</translation>
    </message>
    <message>
        <source>Failed unlock attempts</source>
        <translation>محاولات فتح فاشلة</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>إنشاء</translation>
    </message>
    <message>
        <source>Edited</source>
        <translation>تعديل</translation>
    </message>
    <message>
        <source>Deleted</source>
        <translation>حذف</translation>
    </message>
    <message>
        <source>Tags changed</source>
        <translation>تغيير الوسوم</translation>
    </message>
    <message>
        <source>File attached</source>
        <translation>إرفاق ملف</translation>
    </message>
    <message>
        <source>File exported</source>
        <translation>تصدير ملف</translation>
    </message>
    <message>
        <source>Imported</source>
        <translation>استيراد</translation>
    </message>
    <message>
        <source>Exported</source>
        <translation>تصدير</translation>
    </message>
    <message>
        <source>Taxonomy installed</source>
        <translation>تثبيت التصنيف</translation>
    </message>
    <message>
        <source>Taxonomy updated</source>
        <translation>تحديث التصنيف</translation>
    </message>
    <message>
        <source>Terms replaced</source>
        <translation>استبدال المصطلحات</translation>
    </message>
    <message>
        <source>Places imported</source>
        <translation>استيراد الأماكن</translation>
    </message>
    <message>
        <source>Submitted for review</source>
        <translation>إرسال للمراجعة</translation>
    </message>
    <message>
        <source>Approved</source>
        <translation>اعتماد</translation>
    </message>
    <message>
        <source>Changes requested</source>
        <translation>طلب تعديلات</translation>
    </message>
    <message>
        <source>Review signed</source>
        <translation>توقيع المراجعة</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>تعليق</translation>
    </message>
    <message>
        <source>Hidden field shown</source>
        <translation>إظهار حقل مخفي</translation>
    </message>
    <message>
        <source>Draft kept</source>
        <translation>حفظ مسودة</translation>
    </message>
    <message>
        <source>Draft discarded</source>
        <translation>تجاهل مسودة</translation>
    </message>
    <message>
        <source>Package sent</source>
        <translation>إرسال حزمة</translation>
    </message>
    <message>
        <source>Package received</source>
        <translation>استلام حزمة</translation>
    </message>
    <message>
        <source>Version received</source>
        <translation>استلام إصدار</translation>
    </message>
    <message>
        <source>Conflict opened</source>
        <translation>فتح تعارض</translation>
    </message>
    <message>
        <source>Conflict updated</source>
        <translation>تحديث تعارض</translation>
    </message>
    <message>
        <source>Conflict resolved</source>
        <translation>حلّ تعارض</translation>
    </message>
    <message>
        <source>Contact card imported</source>
        <translation>استيراد بطاقة جهة اتصال</translation>
    </message>
    <message>
        <source>Contact card replaced</source>
        <translation>استبدال بطاقة جهة اتصال</translation>
    </message>
    <message>
        <source>Contact verified</source>
        <translation>التحقّق من جهة اتصال</translation>
    </message>
</context>
<context>
    <name>AuditPage</name>
    <message>
        <source>Audit trail</source>
        <extracomment>A report names users and record ids: readable by its owner only.</extracomment>
        <translation>سجل التدقيق</translation>
    </message>
    <message>
        <source>Anyone</source>
        <translation>أي مستخدم</translation>
    </message>
    <message>
        <source>Any action</source>
        <translation>أي إجراء</translation>
    </message>
    <message>
        <source>Record id</source>
        <translation>معرّف السجل</translation>
    </message>
    <message>
        <source>YYYY-MM-DD</source>
        <translation>YYYY-MM-DD</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>تحديث</translation>
    </message>
    <message>
        <source>Clear filters</source>
        <translation>مسح عوامل التصفية</translation>
    </message>
    <message>
        <source>Verify</source>
        <translation>تحقّق</translation>
    </message>
    <message>
        <source>Verify against a checkpoint file…</source>
        <translation>تحقّق باستخدام ملف نقطة تحقّق…</translation>
    </message>
    <message>
        <source>Save checkpoint…</source>
        <translation>حفظ نقطة تحقّق…</translation>
    </message>
    <message>
        <source>Export report…</source>
        <translation>تصدير تقرير…</translation>
    </message>
    <message>
        <source>As CSV…</source>
        <translation>بصيغة CSV…</translation>
    </message>
    <message>
        <source>As PDF…</source>
        <translation>بصيغة PDF…</translation>
    </message>
    <message>
        <source>&amp;User:</source>
        <translation>ال&amp;مستخدم:</translation>
    </message>
    <message>
        <source>&amp;Action:</source>
        <translation>الإ&amp;جراء:</translation>
    </message>
    <message>
        <source>&amp;Record:</source>
        <translation>ال&amp;سجل:</translation>
    </message>
    <message>
        <source>&amp;From:</source>
        <translation>م&amp;ن:</translation>
    </message>
    <message>
        <source>&amp;To:</source>
        <translation>إ&amp;لى:</translation>
    </message>
    <message>
        <source>{count} entries</source>
        <translation>عدد القيود: {count}</translation>
    </message>
    <message>
        <source>{count} entries so far (more as you scroll)</source>
        <translation>عدد القيود حتى الآن: {count} (يظهر المزيد مع التمرير)</translation>
    </message>
    <message>
        <source>Not a date: {text}. Write dates as YYYY-MM-DD, e.g. 2025-03-07.</source>
        <translation>ليس تاريخًا: {text}. اكتب التواريخ بالشكل YYYY-MM-DD، مثلًا: 2025-03-07.</translation>
    </message>
    <message>
        <source>entry {seq}: {what}</source>
        <translation>القيد {seq}: {what}</translation>
    </message>
    <message>
        <source>The audit trail verifies: {entries} entries, {checkpoints} signed checkpoints and {reviews} signed review decisions, all intact.</source>
        <translation>اجتاز سجل التدقيق التحقّق، وكل ما فيه سليم: عدد القيود {entries}، وعدد نقاط التحقّق الموقَّعة {checkpoints}، وعدد قرارات المراجعة الموقَّعة {reviews}.</translation>
    </message>
    <message>
        <source>It still passes through the checkpoint in {file} (entry {seq}, signed {when}).</source>
        <translation>ولا يزال السجل متّسقًا مع نقطة التحقّق المحفوظة في {file} (القيد {seq}، الموقَّعة في {when}).</translation>
    </message>
    <message>
        <source>The audit trail does NOT verify. First problem: {problem}.</source>
        <translation>لم يجتز سجل التدقيق التحقّق. أول مشكلة: {problem}.</translation>
    </message>
    <message>
        <source>1 problem in all:</source>
        <translation>مشكلة واحدة في المجموع؛</translation>
    </message>
    <message>
        <source>{count} problems in all:</source>
        <translation>عدد المشكلات في المجموع: {count}؛</translation>
    </message>
    <message>
        <source>keep this vault as it is and compare it with a backup or a checkpoint kept elsewhere.</source>
        <translation>أبقِ هذه الخزنة على حالها، وقارنها بنسخة احتياطية أو بنقطة تحقّق محفوظة في مكان آخر.</translation>
    </message>
    <message>
        <source>Choose a checkpoint file</source>
        <translation>اختر ملف نقطة تحقّق</translation>
    </message>
    <message>
        <source>Checkpoint files (*.checkpoint)</source>
        <translation>ملفات نقاط التحقّق (*.checkpoint)</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>جميع الملفات (*)</translation>
    </message>
    <message>
        <source>Save a checkpoint</source>
        <translation>حفظ نقطة تحقّق</translation>
    </message>
    <message>
        <source>A signed checkpoint of the trail (entry {seq}) was saved to {path}. Keep it away from this computer; later, “Verify against a checkpoint file…” proves the trail still passes through it.</source>
        <translation>حُفظت نقطة تحقّق موقَّعة من السجل (القيد {seq}) في {path}. احفظها بعيدًا عن هذا الحاسوب؛ ولاحقًا يُثبت الأمر «تحقّق باستخدام ملف نقطة تحقّق…» أن السجل لا يزال متّسقًا معها.</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>ملفات CSV (*.csv)</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>ملفات PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Export the audit report to</source>
        <translation>تصدير تقرير التدقيق إلى</translation>
    </message>
    <message>
        <source>Period: {start} to {end}</source>
        <translation>الفترة: من {start} إلى {end}</translation>
    </message>
    <message>
        <source>Period: from {start}</source>
        <translation>الفترة: من {start}</translation>
    </message>
    <message>
        <source>Period: until {end}</source>
        <translation>الفترة: حتى {end}</translation>
    </message>
    <message>
        <source>Period: the whole trail</source>
        <translation>الفترة: السجل كاملًا</translation>
    </message>
    <message>
        <source>user {name}</source>
        <translation>المستخدم {name}</translation>
    </message>
    <message>
        <source>action {action}</source>
        <translation>الإجراء {action}</translation>
    </message>
    <message>
        <source>record {id}</source>
        <translation>السجل {id}</translation>
    </message>
    <message>
        <source>Filters: {list}</source>
        <translation>عوامل التصفية: {list}</translation>
    </message>
    <message>
        <source>Filters: none</source>
        <translation>عوامل التصفية: لا يوجد</translation>
    </message>
    <message>
        <source>Generated: {when} UTC</source>
        <translation>تاريخ الإنشاء: {when} بالتوقيت العالمي (UTC)</translation>
    </message>
    <message>
        <source>Vault: {id}</source>
        <translation>الخزنة: {id}</translation>
    </message>
    <message>
        <source>Times are in UTC.</source>
        <translation>الأوقات بالتوقيت العالمي (UTC).</translation>
    </message>
    <message>
        <source>Entry</source>
        <translation>القيد</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>الوقت</translation>
    </message>
    <message>
        <source>User</source>
        <translation>المستخدم</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>الإجراء</translation>
    </message>
    <message>
        <source>Object</source>
        <translation>العنصر</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>التفاصيل</translation>
    </message>
    <message>
        <source>Page {page} of {pages}</source>
        <translation>الصفحة {page} من {pages}</translation>
    </message>
    <message>
        <source>No entries match these filters.</source>
        <translation>لا توجد قيود تطابق عوامل التصفية هذه.</translation>
    </message>
    <message>
        <source>The report ({count} entries) was saved to {path}.</source>
        <translation>حُفظ التقرير (عدد القيود: {count}) في {path}.</translation>
    </message>
</context>
<context>
    <name>AuditTableModel</name>
    <message>
        <source>Entry</source>
        <translation>القيد</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>الوقت</translation>
    </message>
    <message>
        <source>User</source>
        <translation>المستخدم</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>الإجراء</translation>
    </message>
    <message>
        <source>Object</source>
        <translation>العنصر</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>التفاصيل</translation>
    </message>
</context>
<context>
    <name>CardPreviewDialog</name>
    <message>
        <source>Import a contact card</source>
        <translation>استيراد بطاقة جهة اتصال</translation>
    </message>
    <message>
        <source>Import this card?</source>
        <translation>هل تريد استيراد هذه البطاقة؟</translation>
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
        <source>Fingerprint:</source>
        <translation>البصمة:</translation>
    </message>
    <message>
        <source>File:</source>
        <translation>الملف:</translation>
    </message>
    <message>
        <source>Importing does not make this card trusted. Before you exchange packages, verify it with {name} in person: Verify… shows the fingerprint to compare.</source>
        <translation>استيراد هذه البطاقة لا يجعلها موثوقة. قبل أن تتبادل الحزم، تحقّق منها مع {name} وجهًا لوجه: يعرض الأمر «تحقّق…» البصمة للمقارنة.</translation>
    </message>
    <message>
        <source>&amp;Import</source>
        <translation>ا&amp;ستيراد</translation>
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
    <name>ChooserField</name>
    <message>
        <source>Choose…</source>
        <translation>اختيار…</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>مسح</translation>
    </message>
</context>
<context>
    <name>ConflictView</name>
    <message>
        <source>Conflicts</source>
        <translation>التعارضات</translation>
    </message>
    <message>
        <source>These records were changed both here and by a colleague before either had the other&apos;s change. Nothing was overwritten: choose which version to keep, or take each field from one side.</source>
        <translation>عُدِّلت هذه السجلات هنا وعند زميل قبل أن يصل تعديل كلٍّ منكما إلى الآخر. لم يُستبدل شيء: اختر النسخة التي تريد الإبقاء عليها، أو خذ كل حقل من أحد الطرفين.</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>السجل</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>النوع</translation>
    </message>
    <message>
        <source>From</source>
        <translation>من</translation>
    </message>
    <message>
        <source>Show &amp;resolved conflicts</source>
        <translation>إظهار التعارضات التي &amp;حُلّت</translation>
    </message>
    <message>
        <source>No conflicts. When a package brings a change to a record that was also changed here, both versions are kept and the record is listed here.</source>
        <translation>لا توجد تعارضات. عندما تحمل حزمةٌ تعديلًا على سجل عُدِّل هنا أيضًا، تُحفظ النسختان كلتاهما ويظهر السجل هنا.</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>الحقل</translation>
    </message>
    <message>
        <source>Mine</source>
        <translation>نسختي</translation>
    </message>
    <message>
        <source>Theirs</source>
        <translation>نسختهم</translation>
    </message>
    <message>
        <source>Keep</source>
        <translation>الإبقاء على</translation>
    </message>
    <message>
        <source>Keep &amp;mine</source>
        <translation>الإبقاء على &amp;نسختي</translation>
    </message>
    <message>
        <source>Keep this vault&apos;s version; theirs is set aside.</source>
        <translation>الإبقاء على نسخة هذه الخزنة؛ وتُنحّى نسختهم جانبًا.</translation>
    </message>
    <message>
        <source>Take &amp;theirs</source>
        <translation>ا&amp;عتماد نسختهم</translation>
    </message>
    <message>
        <source>Replace this vault&apos;s version with theirs (as a new version: yours stays in the history).</source>
        <translation>استبدال نسخة هذه الخزنة بنسختهم (في إصدار جديد، وتبقى نسختك في السجل التاريخي).</translation>
    </message>
    <message>
        <source>Merge &amp;field by field</source>
        <translation>الدمج &amp;حقلًا حقلًا</translation>
    </message>
    <message>
        <source>A new version with each field taken from the side chosen in the Keep column.</source>
        <translation>إصدار جديد يُؤخذ فيه كل حقل من الطرف المختار في عمود «الإبقاء على».</translation>
    </message>
    <message>
        <source>{title} (resolved)</source>
        <translation>{title} (محلول)</translation>
    </message>
    <message>
        <source>{title}, received {when} from {sender}</source>
        <translation>{title}، استُلم في {when} من {sender}</translation>
    </message>
    <message>
        <source>Choose a conflict in the list.</source>
        <translation>اختر تعارضًا من القائمة.</translation>
    </message>
    <message>
        <source>“{title}” ({kind}): your version {mine} and {sender}&apos;s version {theirs}, received {when}.</source>
        <translation>«{title}» ({kind}): نسختك {mine} ونسخة {sender} {theirs}، المستلمة في {when}.</translation>
    </message>
    <message>
        <source>You deleted this record; they changed it.</source>
        <translation>حذفتَ هذا السجل، وعدّلوه هم.</translation>
    </message>
    <message>
        <source>They deleted this record; you changed it.</source>
        <translation>حذفوا هذا السجل، وعدّلتَه أنت.</translation>
    </message>
    <message>
        <source>Both versions hold the same fields.</source>
        <translation>تحتوي النسختان على الحقول نفسها.</translation>
    </message>
    <message>
        <source>{count} fields differ:</source>
        <translation>عدد الحقول المختلفة: {count}</translation>
    </message>
    <message>
        <source>1 field differs:</source>
        <translation>حقل واحد مختلف:</translation>
    </message>
    <message>
        <source>Keep {field} from</source>
        <translation>الإبقاء على {field} من</translation>
    </message>
    <message>
        <source>Resolved: your version was kept.</source>
        <translation>حُلّ: أُبقي على نسختك.</translation>
    </message>
    <message>
        <source>Resolved: their version was taken.</source>
        <translation>حُلّ: اعتُمدت نسختهم.</translation>
    </message>
    <message>
        <source>Resolved: merged field by field.</source>
        <translation>حُلّ: دُمج حقلًا حقلًا.</translation>
    </message>
    <message>
        <source>Resolved.</source>
        <translation>حُلّ.</translation>
    </message>
    <message>
        <source>“{title}”: {how}</source>
        <translation>«{title}»: {how}</translation>
    </message>
</context>
<context>
    <name>ConsentDialog</name>
    <message>
        <source>Written, oral and recorded, through a relative…</source>
        <translation>كتابية، شفهية ومسجّلة، عن طريق أحد الأقارب…</translation>
    </message>
    <message>
        <source>Scope:</source>
        <translation>النطاق:</translation>
    </message>
    <message>
        <source>Given on:</source>
        <translation>تاريخ إعطائها:</translation>
    </message>
    <message>
        <source>How:</source>
        <translation>الطريقة:</translation>
    </message>
    <message>
        <source>Withdrawn on:</source>
        <translation>تاريخ سحبها:</translation>
    </message>
    <message>
        <source>Expires on:</source>
        <translation>تاريخ انتهائها:</translation>
    </message>
    <message>
        <source>Notes:</source>
        <translation>ملاحظات:</translation>
    </message>
</context>
<context>
    <name>ConsentPanel</name>
    <message>
        <source>Add consent…</source>
        <translation>إضافة موافقة…</translation>
    </message>
    <message>
        <source>Scope</source>
        <translation>النطاق</translation>
    </message>
    <message>
        <source>Given on</source>
        <translation>تاريخ إعطائها</translation>
    </message>
    <message>
        <source>Withdrawn on</source>
        <translation>تاريخ سحبها</translation>
    </message>
    <message>
        <source>Expires on</source>
        <translation>تاريخ انتهائها</translation>
    </message>
    <message>
        <source>How</source>
        <translation>الطريقة</translation>
    </message>
</context>
<context>
    <name>ContactsModel</name>
    <message>
        <source>Name</source>
        <extracomment>As docs/packages.md names cards (``dana.card.json``). The groups shown on one line in the large display (two lines of three).</extracomment>
        <translation>الاسم</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>الدور</translation>
    </message>
    <message>
        <source>Fingerprint</source>
        <translation>البصمة</translation>
    </message>
    <message>
        <source>Verified</source>
        <translation>تم التحقّق</translation>
    </message>
    <message>
        <source>Not verified</source>
        <translation>لم يُتحقَّق منها</translation>
    </message>
    <message>
        <source>Verified on {when}</source>
        <translation>تم التحقّق في {when}</translation>
    </message>
</context>
<context>
    <name>ContactsPage</name>
    <message>
        <source>Contacts</source>
        <translation>جهات الاتصال</translation>
    </message>
    <message>
        <source>Packages go only to contacts you have verified, and are accepted only from them. Import a colleague&apos;s card, then verify it with them in person.</source>
        <translation>لا تُرسَل الحزم إلا إلى جهات الاتصال التي تحقّقت منها، ولا تُقبل إلا منها. استورد بطاقة زميلك، ثم تحقّق منها معه وجهًا لوجه.</translation>
    </message>
    <message>
        <source>Your card: {name}, fingerprint {fingerprint}</source>
        <translation>بطاقتك: {name}، البصمة {fingerprint}</translation>
    </message>
    <message>
        <source>No contacts yet. Ask a colleague for their card (Export my card… on their computer) and import it here.</source>
        <translation>لا توجد جهات اتصال بعد. اطلب من زميلك بطاقته (بالأمر «تصدير بطاقتي…» على حاسوبه) واستوردها هنا.</translation>
    </message>
    <message>
        <source>&amp;Import card…</source>
        <translation>ا&amp;ستيراد بطاقة…</translation>
    </message>
    <message>
        <source>&amp;Verify…</source>
        <translation>&amp;تحقّق…</translation>
    </message>
    <message>
        <source>&amp;Export my card…</source>
        <translation>ت&amp;صدير بطاقتي…</translation>
    </message>
    <message>
        <source>&amp;My fingerprint…</source>
        <translation>&amp;بصمتي…</translation>
    </message>
    <message>
        <source>Contact cards (*.{suffix})</source>
        <translation>بطاقات جهات الاتصال (*.{suffix})</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>جميع الملفات (*)</translation>
    </message>
    <message>
        <source>Choose a colleague&apos;s card</source>
        <translation>اختر بطاقة زميل</translation>
    </message>
    <message>
        <source>{name}&apos;s card is up to date.</source>
        <translation>بطاقة {name} محدَّثة.</translation>
    </message>
    <message>
        <source>{name}&apos;s card was imported. Verify it with them in person before you exchange packages.</source>
        <translation>استُوردت بطاقة {name}. تحقّق منها معه وجهًا لوجه قبل أن تتبادلا الحزم.</translation>
    </message>
    <message>
        <source>{name} was not verified. Do not use this card: get it again from them in person.</source>
        <translation>لم يُتحقَّق من {name}. لا تستخدم هذه البطاقة: احصل عليها منه مجددًا وجهًا لوجه.</translation>
    </message>
    <message>
        <source>{name} is verified: you can now send packages to them and receive theirs.</source>
        <translation>تم التحقّق من {name}: يمكنك الآن إرسال الحزم إليه واستلام حزمه.</translation>
    </message>
    <message>
        <source>Save your card as</source>
        <translation>حفظ بطاقتك باسم</translation>
    </message>
    <message>
        <source>Your card was saved to {path}.</source>
        <translation>حُفظت بطاقتك في {path}.</translation>
    </message>
</context>
<context>
    <name>DemoPage</name>
    <message>
        <source>The demo is a separate vault filled with invented incidents, people and statements (modelled on public reports from the Syrian coast in March 2025). Nothing in it is real. Use it to learn Casebook, never for real documentation.</source>
        <translation>العرض التجريبي خزنة مستقلة فيها حوادث وأشخاص وإفادات متخيَّلة (مستوحاة من تقارير علنية عن الساحل السوري في آذار/مارس 2025). لا شيء فيها حقيقي. استخدمها لتتعلّم Casebook، ولا تستخدمها أبدًا لتوثيق حقيقي.</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>استعراض…</translation>
    </message>
    <message>
        <source>Demo folder:</source>
        <translation>مجلد العرض التجريبي:</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>رجوع</translation>
    </message>
    <message>
        <source>Open the demo</source>
        <translation>فتح العرض التجريبي</translation>
    </message>
    <message>
        <source>Where should the demo vault go?</source>
        <translation>أين تريد إنشاء خزنة العرض التجريبي؟</translation>
    </message>
    <message>
        <source>Choose a folder for the demo vault.</source>
        <translation>اختر مجلدًا لخزنة العرض التجريبي.</translation>
    </message>
</context>
<context>
    <name>DemoPassphraseBox</name>
    <message>
        <source>The demo is open</source>
        <translation>العرض التجريبي مفتوح</translation>
    </message>
    <message>
        <source>To open the demo again later, use this passphrase:

{passphrase}</source>
        <translation>لفتح العرض التجريبي مرة أخرى لاحقًا، استخدم عبارة المرور هذه:

{passphrase}</translation>
    </message>
    <message>
        <source>The demo vault is in {folder}. Its data is invented, so its passphrase is not secret. Create a vault of your own for real documentation.</source>
        <translation>خزنة العرض التجريبي موجودة في {folder}. بياناتها متخيَّلة، لذلك فعبارة مرورها ليست سرًّا. أنشئ خزنة خاصة بك للتوثيق الحقيقي.</translation>
    </message>
</context>
<context>
    <name>DossierWizard</name>
    <message>
        <source>Export a dossier</source>
        <translation>تصدير ملف</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>إ&amp;غلاق</translation>
    </message>
</context>
<context>
    <name>DraftsQuestion</name>
    <message>
        <source>You have 1 unsaved draft from {when}.</source>
        <translation>لديك مسودة واحدة غير محفوظة من {when}.</translation>
    </message>
    <message>
        <source>You have {count} unsaved drafts, the latest from {when}.</source>
        <translation>لديك مسودات غير محفوظة عددها {count}، أحدثها من {when}.</translation>
    </message>
    <message>
        <source>Unsaved drafts</source>
        <translation>مسودات غير محفوظة</translation>
    </message>
    <message>
        <source>They were kept, encrypted in the vault, when Casebook locked. Restore them to go on editing, or discard them.</source>
        <translation>حُفظت مشفّرةً في الخزنة عندما أُقفل Casebook. استعِدها لمتابعة التحرير، أو تخلَّص منها.</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>استعادة</translation>
    </message>
    <message>
        <source>Discard</source>
        <translation>تجاهل</translation>
    </message>
    <message>
        <source>Decide later</source>
        <translation>القرار لاحقًا</translation>
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
        <source>Package refused</source>
        <translation>رُفضت الحزمة</translation>
    </message>
    <message>
        <source>Casebook refused this package: it was altered or damaged, is not from a verified contact, or does not continue what you received from its sender before. Nothing was imported.</source>
        <translation>رفض Casebook هذه الحزمة: فإمّا أنها عُدِّلت أو تلفت، أو أنها ليست من جهة اتصال تم التحقّق منها، أو أنها لا تُكمل ما استلمته سابقًا من مُرسِلها. لم يُستورد شيء.</translation>
    </message>
    <message>
        <source>Package not for you</source>
        <translation>الحزمة ليست لك</translation>
    </message>
    <message>
        <source>This package was not encrypted to you, so it cannot be opened. Nothing was imported.</source>
        <translation>لم تُشفَّر هذه الحزمة لك، لذلك لا يمكن فتحها. لم يُستورد شيء.</translation>
    </message>
    <message>
        <source>An earlier package is missing</source>
        <translation>حزمة سابقة مفقودة</translation>
    </message>
    <message>
        <source>This package follows an earlier one from the same sender that you have not imported yet. Import that one first. Nothing was imported.</source>
        <translation>تأتي هذه الحزمة بعد حزمة سابقة من المُرسِل نفسه لم تستوردها بعد. استورد تلك أولًا. لم يُستورد شيء.</translation>
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
        <source>This file was written by a newer version of Casebook.</source>
        <translation>كُتب هذا الملف بإصدار أحدث من Casebook.</translation>
    </message>
    <message>
        <source>Taxonomy not changed</source>
        <translation>لم يتغيّر التصنيف</translation>
    </message>
    <message>
        <source>This file cannot update the vault&apos;s taxonomy, so nothing was changed.</source>
        <translation>لا يمكن تحديث تصنيف الخزنة بهذا الملف، لذلك لم يُغيَّر شيء.</translation>
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
    <name>EvidencePanel</name>
    <message>
        <source>File</source>
        <translation>الملف</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>الحجم</translation>
    </message>
    <message>
        <source>Add file…</source>
        <translation>إضافة ملف…</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>معاينة</translation>
    </message>
    <message>
        <source>Save a decrypted copy…</source>
        <translation>حفظ نسخة غير مشفّرة…</translation>
    </message>
    <message>
        <source>Drop files here to add them. They are encrypted into the vault; the originals are not changed or removed.</source>
        <translation>أفلِت الملفات هنا لإضافتها. تُشفَّر داخل الخزنة، ولا تُغيَّر الملفات الأصلية ولا تُحذف.</translation>
    </message>
    <message>
        <source>Choose an image and press Preview.</source>
        <translation>اختر صورة واضغط «معاينة».</translation>
    </message>
    <message>
        <source>Add evidence files</source>
        <translation>إضافة ملفات أدلة</translation>
    </message>
    <message>
        <source>Encrypting {name}… %p%</source>
        <translation>جارٍ تشفير {name}… %p%</translation>
    </message>
    <message>
        <source>Only images can be previewed. Save a decrypted copy to open other files.</source>
        <translation>لا تمكن معاينة غير الصور. احفظ نسخة غير مشفّرة لفتح الملفات الأخرى.</translation>
    </message>
    <message>
        <source>Decrypting…</source>
        <translation>جارٍ فك التشفير…</translation>
    </message>
    <message>
        <source>This image cannot be shown.</source>
        <translation>لا يمكن عرض هذه الصورة.</translation>
    </message>
    <message>
        <source>Save a decrypted copy</source>
        <translation>حفظ نسخة غير مشفّرة</translation>
    </message>
    <message>
        <source>The copy will not be protected.</source>
        <translation>لن تكون النسخة محمية.</translation>
    </message>
    <message>
        <source>Anyone who can open the folder you choose, or who takes this computer, can read the copy. Casebook notes in the audit trail that a copy was made. Delete the copy when you no longer need it.</source>
        <translation>يستطيع قراءة النسخة كلُّ من يستطيع فتح المجلد الذي تختاره، أو من يأخذ هذا الحاسوب. يسجّل Casebook في سجل التدقيق أن نسخة قد صُنعت. احذف النسخة عندما لا تعود بحاجة إليها.</translation>
    </message>
    <message>
        <source>Choose where…</source>
        <translation>اختيار المكان…</translation>
    </message>
    <message>
        <source>Decrypting {name}… %p%</source>
        <translation>جارٍ فك تشفير {name}… %p%</translation>
    </message>
</context>
<context>
    <name>FilterBar</name>
    <message>
        <source>Search titles, narratives, names, statements… (Ctrl+F)</source>
        <translation>ابحث في العناوين والسرد والأسماء والإفادات… (Ctrl+F)</translation>
    </message>
    <message>
        <source>Any status</source>
        <translation>أي حالة</translation>
    </message>
    <message>
        <source>Anyone involved</source>
        <translation>أي شخص معني</translation>
    </message>
    <message>
        <source>YYYY-MM-DD</source>
        <translation>YYYY-MM-DD</translation>
    </message>
    <message>
        <source>Tag code</source>
        <translation>رمز الوسم</translation>
    </message>
    <message>
        <source>Clear filters</source>
        <translation>مسح عوامل التصفية</translation>
    </message>
    <message>
        <source>Status:</source>
        <translation>الحالة:</translation>
    </message>
    <message>
        <source>From:</source>
        <translation>من:</translation>
    </message>
    <message>
        <source>To:</source>
        <translation>إلى:</translation>
    </message>
    <message>
        <source>Role:</source>
        <translation>الدور:</translation>
    </message>
    <message>
        <source>Place:</source>
        <translation>المكان:</translation>
    </message>
    <message>
        <source>Tag:</source>
        <translation>الوسم:</translation>
    </message>
</context>
<context>
    <name>FingerprintPanel</name>
    <message>
        <source>{name} ({role})</source>
        <translation>{name} ({role})</translation>
    </message>
    <message>
        <source>Fingerprint</source>
        <translation>البصمة</translation>
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
        <source>Open the demo</source>
        <translation>فتح العرض التجريبي</translation>
    </message>
    <message>
        <source>Explore Casebook with invented example cases, in a vault of their own.</source>
        <translation>تعرّف إلى Casebook من خلال حالات مثالية متخيَّلة، في خزنة خاصة بها.</translation>
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
    <name>HistoryDialog</name>
    <message>
        <source>History of “{title}”</source>
        <translation>سجل «{title}»</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>الإصدار</translation>
    </message>
    <message>
        <source>Saved</source>
        <translation>تاريخ الحفظ</translation>
    </message>
    <message>
        <source>By</source>
        <translation>بواسطة</translation>
    </message>
    <message>
        <source>What</source>
        <translation>الإجراء</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>الحقل</translation>
    </message>
    <message>
        <source>Before</source>
        <translation>قبل</translation>
    </message>
    <message>
        <source>After</source>
        <translation>بعد</translation>
    </message>
    <message>
        <source>{action}: “{comment}”</source>
        <translation>{action}: «{comment}»</translation>
    </message>
    <message>
        <source>{version} (deleted)</source>
        <translation>{version} (محذوف)</translation>
    </message>
    <message>
        <source>Version 1: the record as first saved.</source>
        <translation>الإصدار 1: السجل كما حُفظ أول مرة.</translation>
    </message>
    <message>
        <source>Changes from version {older} to version {newer}:</source>
        <translation>التغييرات من الإصدار {older} إلى الإصدار {newer}:</translation>
    </message>
</context>
<context>
    <name>IncidentEditor</name>
    <message>
        <source>Details</source>
        <translation>التفاصيل</translation>
    </message>
    <message>
        <source>People</source>
        <translation>الأشخاص</translation>
    </message>
    <message>
        <source>Acts</source>
        <translation>الأفعال</translation>
    </message>
    <message>
        <source>Statements</source>
        <translation>الإفادات</translation>
    </message>
    <message>
        <source>Evidence</source>
        <translation>الأدلة</translation>
    </message>
    <message>
        <source>A short description of what happened</source>
        <translation>وصف قصير لما حدث</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>العنوان</translation>
    </message>
    <message>
        <source>Start date</source>
        <translation>تاريخ البداية</translation>
    </message>
    <message>
        <source>End date</source>
        <translation>تاريخ النهاية</translation>
    </message>
    <message>
        <source>Not given</source>
        <translation>غير محدد</translation>
    </message>
    <message>
        <source>Date precision</source>
        <translation>دقة التاريخ</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>المكان</translation>
    </message>
    <message>
        <source>Sensitivity</source>
        <translation>درجة الحساسية</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>الوسوم</translation>
    </message>
    <message>
        <source>What happened, in order, as the sources tell it</source>
        <translation>ما حدث، بالترتيب، كما ترويه المصادر</translation>
    </message>
    <message>
        <source>Narrative</source>
        <translation>السرد</translation>
    </message>
    <message>
        <source>to</source>
        <translation>إلى</translation>
    </message>
    <message>
        <source>Precision:</source>
        <translation>الدقة:</translation>
    </message>
    <message>
        <source>Title:</source>
        <translation>العنوان:</translation>
    </message>
    <message>
        <source>Date:</source>
        <translation>التاريخ:</translation>
    </message>
    <message>
        <source>Place:</source>
        <translation>المكان:</translation>
    </message>
    <message>
        <source>Status:</source>
        <translation>الحالة:</translation>
    </message>
    <message>
        <source>Sensitivity:</source>
        <translation>درجة الحساسية:</translation>
    </message>
    <message>
        <source>Tags:</source>
        <translation>الوسوم:</translation>
    </message>
    <message>
        <source>Narrative:</source>
        <translation>السرد:</translation>
    </message>
    <message>
        <source>Submit for review</source>
        <translation>إرسال للمراجعة</translation>
    </message>
    <message>
        <source>Approve</source>
        <translation>اعتماد</translation>
    </message>
    <message>
        <source>Request changes…</source>
        <translation>طلب تعديلات…</translation>
    </message>
    <message>
        <source>Review and comments…</source>
        <translation>المراجعة والتعليقات…</translation>
    </message>
    <message>
        <source>New incident</source>
        <translation>حادثة جديدة</translation>
    </message>
    <message>
        <source>People ({count})</source>
        <translation>الأشخاص ({count})</translation>
    </message>
    <message>
        <source>Acts ({count})</source>
        <translation>الأفعال ({count})</translation>
    </message>
    <message>
        <source>Statements ({count})</source>
        <translation>الإفادات ({count})</translation>
    </message>
    <message>
        <source>Evidence ({count})</source>
        <translation>الأدلة ({count})</translation>
    </message>
</context>
<context>
    <name>IncidentListModel</name>
    <message>
        <source>Title</source>
        <extracomment>Columns the database can order by; the place column cannot be sorted.</extracomment>
        <translation>العنوان</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>التاريخ</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>المكان</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>الحالة</translation>
    </message>
    <message>
        <source>Last change</source>
        <translation>آخر تعديل</translation>
    </message>
</context>
<context>
    <name>IncidentListPage</name>
    <message>
        <source>No incidents yet. Press New incident (Ctrl+N) to record the first one.</source>
        <translation>لا توجد حوادث بعد. اضغط «حادثة جديدة» (Ctrl+N) لتسجيل أول حادثة.</translation>
    </message>
    <message>
        <source>New incident</source>
        <translation>حادثة جديدة</translation>
    </message>
    <message>
        <source>Export dossier…</source>
        <translation>تصدير ملف…</translation>
    </message>
    <message>
        <source>A redacted, signed dossier of the selected incidents (or of those the filters show) for a UN mechanism</source>
        <translation>ملف موقَّع، بعد الحجب، يضم الحوادث المحددة (أو الحوادث التي تعرضها عوامل التصفية) لتقديمه إلى إحدى آليات الأمم المتحدة</translation>
    </message>
    <message>
        <source>Incidents</source>
        <translation>الحوادث</translation>
    </message>
    <message>
        <source>1 incident</source>
        <translation>حادثة واحدة</translation>
    </message>
    <message>
        <source>{count} incidents</source>
        <translation>عدد الحوادث: {count}</translation>
    </message>
</context>
<context>
    <name>IncidentsPage</name>
    <message>
        <source>Which incidents?</source>
        <extracomment>Preview pages are painted at this resolution and shown at this width.</extracomment>
        <translation>أي الحوادث؟</translation>
    </message>
    <message>
        <source>The dossier holds these incidents with everything linked to them: people, acts, sources and evidence.</source>
        <translation>يضم الملف هذه الحوادث مع كل ما يرتبط بها: الأشخاص والأفعال والمصادر والأدلة.</translation>
    </message>
    <message>
        <source>The incidents selected in the list (select some in the list first)</source>
        <translation>الحوادث المحددة في القائمة (حدِّد بعضها في القائمة أولًا)</translation>
    </message>
    <message>
        <source>The incident selected in the list</source>
        <translation>الحادثة المحددة في القائمة</translation>
    </message>
    <message>
        <source>The {count} incidents selected in the list</source>
        <translation>الحوادث المحددة في القائمة ({count})</translation>
    </message>
    <message>
        <source>All incidents in the vault ({count})</source>
        <translation>جميع الحوادث في الخزنة ({count})</translation>
    </message>
    <message>
        <source>The incidents the list&apos;s filters show ({count})</source>
        <translation>الحوادث التي تعرضها عوامل التصفية في القائمة ({count})</translation>
    </message>
    <message>
        <source>The incidents tagged with:</source>
        <translation>الحوادث الموسومة بالوسم:</translation>
    </message>
    <message>
        <source>Tag code, e.g. act.killing</source>
        <translation>رمز الوسم، مثلًا: act.killing</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>اختيار…</translation>
    </message>
    <message>
        <source>{code} is not a term of this vault&apos;s taxonomy.</source>
        <translation>{code} ليس مصطلحًا في تصنيف هذه الخزنة.</translation>
    </message>
    <message>
        <source>{label}: 1 incident</source>
        <translation>{label}: حادثة واحدة</translation>
    </message>
    <message>
        <source>{label}: {count} incidents</source>
        <translation>{label}: عدد الحوادث {count}</translation>
    </message>
    <message>
        <source>Choose the tag</source>
        <translation>اختيار الوسم</translation>
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
    <message>
        <source>Draft</source>
        <translation>مسودة</translation>
    </message>
    <message>
        <source>Submitted</source>
        <translation>مُرسَلة للمراجعة</translation>
    </message>
    <message>
        <source>Needs changes</source>
        <translation>بحاجة إلى تعديلات</translation>
    </message>
    <message>
        <source>Approved</source>
        <translation>معتمدة</translation>
    </message>
    <message>
        <source>Victim</source>
        <translation>ضحية</translation>
    </message>
    <message>
        <source>Witness</source>
        <translation>شاهد</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>مصدر</translation>
    </message>
    <message>
        <source>Alleged perpetrator</source>
        <translation>جانٍ مزعوم</translation>
    </message>
    <message>
        <source>Intervening party</source>
        <translation>طرف متدخِّل</translation>
    </message>
    <message>
        <source>Normal</source>
        <translation>عادية</translation>
    </message>
    <message>
        <source>Sensitive</source>
        <translation>حساسة</translation>
    </message>
    <message>
        <source>Secret</source>
        <translation>سرية</translation>
    </message>
    <message>
        <source>Exact day</source>
        <translation>يوم محدد</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>شهر</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>سنة</translation>
    </message>
    <message>
        <source>Approximate</source>
        <translation>تقريبي</translation>
    </message>
    <message>
        <source>Range</source>
        <translation>فترة</translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation>غير معروف</translation>
    </message>
    <message>
        <source>Female</source>
        <translation>أنثى</translation>
    </message>
    <message>
        <source>Male</source>
        <translation>ذكر</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>آخر</translation>
    </message>
    <message>
        <source>Individual</source>
        <translation>فرد</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>مجموعة</translation>
    </message>
    <message>
        <source>Direct</source>
        <translation>مباشرة</translation>
    </message>
    <message>
        <source>Hearsay</source>
        <translation>سماعية</translation>
    </message>
    <message>
        <source>Documentary</source>
        <translation>وثائقية</translation>
    </message>
    <message>
        <source>Open source</source>
        <translation>مصدر مفتوح</translation>
    </message>
    <message>
        <source>UN Special Procedures</source>
        <translation>الإجراءات الخاصة للأمم المتحدة</translation>
    </message>
    <message>
        <source>Commission of inquiry</source>
        <translation>لجنة تحقيق</translation>
    </message>
    <message>
        <source>IIIM</source>
        <translation>الآلية الدولية المحايدة والمستقلة</translation>
    </message>
    <message>
        <source>Publication</source>
        <translation>النشر</translation>
    </message>
    <message>
        <source>Disclosure of identity</source>
        <translation>الكشف عن الهوية</translation>
    </message>
    <message>
        <source>Low</source>
        <translation>منخفضة</translation>
    </message>
    <message>
        <source>Medium</source>
        <translation>متوسطة</translation>
    </message>
    <message>
        <source>High</source>
        <translation>عالية</translation>
    </message>
    <message>
        <source>Killed</source>
        <translation>قُتل</translation>
    </message>
    <message>
        <source>Injured</source>
        <translation>أُصيب</translation>
    </message>
    <message>
        <source>Detained</source>
        <translation>احتُجز</translation>
    </message>
    <message>
        <source>Disappeared</source>
        <translation>اختفى</translation>
    </message>
    <message>
        <source>Displaced</source>
        <translation>نزح</translation>
    </message>
    <message>
        <source>Released</source>
        <translation>أُفرج عنه</translation>
    </message>
    <message>
        <source>Unharmed</source>
        <translation>لم يُصَب بأذى</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>العنوان</translation>
    </message>
    <message>
        <source>Narrative</source>
        <translation>السرد</translation>
    </message>
    <message>
        <source>Start date</source>
        <translation>تاريخ البداية</translation>
    </message>
    <message>
        <source>End date</source>
        <translation>تاريخ النهاية</translation>
    </message>
    <message>
        <source>Date precision</source>
        <translation>دقة التاريخ</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>المكان</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>الحالة</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>الوسوم</translation>
    </message>
    <message>
        <source>Sensitivity</source>
        <translation>درجة الحساسية</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>ملاحظات</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>الاسم</translation>
    </message>
    <message>
        <source>Given name</source>
        <translation>الاسم الأول</translation>
    </message>
    <message>
        <source>Father</source>
        <translation>اسم الأب</translation>
    </message>
    <message>
        <source>Grandfather</source>
        <translation>اسم الجد</translation>
    </message>
    <message>
        <source>Family name</source>
        <translation>اسم العائلة</translation>
    </message>
    <message>
        <source>Laqab / kunya</source>
        <translation>اللقب / الكنية</translation>
    </message>
    <message>
        <source>Other spellings</source>
        <translation>طرق كتابة أخرى</translation>
    </message>
    <message>
        <source>Sex</source>
        <translation>الجنس</translation>
    </message>
    <message>
        <source>Birth date</source>
        <translation>تاريخ الميلاد</translation>
    </message>
    <message>
        <source>Age</source>
        <translation>العمر</translation>
    </message>
    <message>
        <source>Age is an estimate</source>
        <translation>العمر تقديري</translation>
    </message>
    <message>
        <source>Occupation</source>
        <translation>المهنة</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>بيانات الاتصال</translation>
    </message>
    <message>
        <source>Counted as</source>
        <translation>يُعَدّ</translation>
    </message>
    <message>
        <source>Group size</source>
        <translation>حجم المجموعة</translation>
    </message>
    <message>
        <source>Group size is an estimate</source>
        <translation>حجم المجموعة تقديري</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>الدور</translation>
    </message>
    <message>
        <source>Incident</source>
        <translation>حادثة</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>شخص</translation>
    </message>
    <message>
        <source>Act</source>
        <translation>فعل</translation>
    </message>
    <message>
        <source>Statement</source>
        <translation>إفادة</translation>
    </message>
    <message>
        <source>Consent</source>
        <translation>موافقة</translation>
    </message>
    <message>
        <source>Link to a person</source>
        <translation>ربط بشخص</translation>
    </message>
    <message>
        <source>Evidence</source>
        <translation>دليل</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>وحدة</translation>
    </message>
    <message>
        <source>Country</source>
        <translation>بلد</translation>
    </message>
    <message>
        <source>Governorate</source>
        <translation>محافظة</translation>
    </message>
    <message>
        <source>District</source>
        <translation>منطقة</translation>
    </message>
    <message>
        <source>Sub-district</source>
        <translation>ناحية</translation>
    </message>
    <message>
        <source>Community</source>
        <translation>تجمّع سكني</translation>
    </message>
    <message>
        <source>Site</source>
        <translation>موقع</translation>
    </message>
    <message>
        <source>Not a term of this vault&apos;s taxonomy: {code}</source>
        <extracomment>True for a term that may be picked or ticked here. Schemes edited through a field of their own rather than as tags, per record kind (an act&apos;s type; a statement&apos;s reliability and credibility grades). Each label&apos;s language, named in itself (QLocale would say &quot;American English&quot;).</extracomment>
        <translation>ليس مصطلحًا في تصنيف هذه الخزنة: {code}</translation>
    </message>
    <message>
        <source>Deprecated: use {label}</source>
        <translation>متقادم: استخدم {label}</translation>
    </message>
    <message>
        <source>Deprecated: choose another term</source>
        <translation>متقادم: اختر مصطلحًا آخر</translation>
    </message>
    <message>
        <source>Removed from the taxonomy: use {label}</source>
        <translation>أُزيل من التصنيف: استخدم {label}</translation>
    </message>
    <message>
        <source>Removed from the taxonomy</source>
        <translation>أُزيل من التصنيف</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>فعّال</translation>
    </message>
    <message>
        <source>Deprecated</source>
        <translation>متقادم</translation>
    </message>
    <message>
        <source>Removed</source>
        <translation>مُزال</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Casebook</source>
        <translation>Casebook</translation>
    </message>
    <message>
        <source>&amp;New incident</source>
        <translation>حادثة &amp;جديدة</translation>
    </message>
    <message>
        <source>&amp;Find incidents</source>
        <translation>ال&amp;بحث في الحوادث</translation>
    </message>
    <message>
        <source>&amp;Export dossier…</source>
        <translation>&amp;تصدير ملف…</translation>
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
        <source>&amp;Taxonomy</source>
        <translation>التص&amp;نيف</translation>
    </message>
    <message>
        <source>Review &amp;queue</source>
        <translation>&amp;قائمة المراجعة</translation>
    </message>
    <message>
        <source>A&amp;udit trail</source>
        <translation>&amp;سجل التدقيق</translation>
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
        <source>&amp;Contacts…</source>
        <translation>&amp;جهات الاتصال…</translation>
    </message>
    <message>
        <source>&amp;Send package…</source>
        <translation>إ&amp;رسال حزمة…</translation>
    </message>
    <message>
        <source>&amp;Receive package…</source>
        <translation>ا&amp;ستلام حزمة…</translation>
    </message>
    <message>
        <source>C&amp;onflicts…</source>
        <translation>الت&amp;عارضات…</translation>
    </message>
    <message>
        <source>&amp;Packages</source>
        <translation>ال&amp;حزم</translation>
    </message>
    <message>
        <source>Signed in as {name} ({role})</source>
        <translation>مسجَّل الدخول باسم {name} ({role})</translation>
    </message>
    <message>
        <source>The package was written.</source>
        <translation>كُتبت الحزمة.</translation>
    </message>
    <message>
        <source>The package was imported.</source>
        <translation>استُوردت الحزمة.</translation>
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
    <message>
        <source>One editor has unsaved changes. Save them before quitting?</source>
        <translation>في أحد المحررات تغييرات غير محفوظة. هل تحفظها قبل الخروج؟</translation>
    </message>
    <message>
        <source>{count} editors have unsaved changes. Save them before quitting?</source>
        <translation>في عدد من المحررات ({count}) تغييرات غير محفوظة. هل تحفظها قبل الخروج؟</translation>
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
    <name>NewPersonDialog</name>
    <message>
        <source>New person</source>
        <translation>شخص جديد</translation>
    </message>
</context>
<context>
    <name>Notices</name>
    <message>
        <source>The key file {key_file} is missing; the vault was opened with its backup copy {backup}. Make a copy of the whole vault folder now.</source>
        <translation>ملف المفاتيح {key_file} مفقود؛ فُتحت الخزنة بنسخته الاحتياطية {backup}. انسخ مجلد الخزنة كاملاً الآن.</translation>
    </message>
    <message>
        <source>The key file {key_file} is damaged; the vault was opened with its backup copy {backup}. Make a copy of the whole vault folder now.</source>
        <translation>ملف المفاتيح {key_file} تالف؛ فُتحت الخزنة بنسخته الاحتياطية {backup}. انسخ مجلد الخزنة كاملاً الآن.</translation>
    </message>
    <message>
        <source>Someone tried to open this vault with a wrong passphrase {count} time(s) since it was last opened (the last time at {last_at}). If that was not you, the laptop may have been in other hands.</source>
        <translation>حاول أحدهم فتح هذه الخزنة بعبارة مرور خاطئة منذ آخر مرة فُتحت فيها (عدد المحاولات: {count}، وآخرها في {last_at}). إن لم تكن أنت من فعل ذلك، فربما وقع الحاسوب المحمول في أيدٍ أخرى.</translation>
    </message>
    <message>
        <source>The keys of these users are protected with test-only settings: {users}. Each of them should change their passphrase (Vault &gt; Change passphrase).</source>
        <translation>مفاتيح هؤلاء المستخدمين محمية بإعدادات مخصّصة للاختبار فقط: {users}. على كلّ منهم تغيير عبارة المرور (الخزنة &lt; تغيير عبارة المرور).</translation>
    </message>
</context>
<context>
    <name>OptionalSpinBox</name>
    <message>
        <source>Unknown</source>
        <translation>غير معروف</translation>
    </message>
</context>
<context>
    <name>OutputPage</name>
    <message>
        <source>Where to save the dossier?</source>
        <translation>أين يُحفظ الملف؟</translation>
    </message>
    <message>
        <source>The dossier is one .zip file: the PDF, the same data as JSON and CSV, the released evidence, the redaction report and a signed manifest.</source>
        <translation>الملف أرشيف .zip واحد يضم: ملف PDF، والبيانات نفسها بصيغتي JSON وCSV، والأدلة المُدرجة، وتقرير الحجب، وبيان محتويات موقَّعًا.</translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation>&amp;تصدير</translation>
    </message>
    <message>
        <source>Choose a file ending in .zip</source>
        <translation>اختر ملفًا ينتهي بـ .zip</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>اختيار…</translation>
    </message>
    <message>
        <source>File:</source>
        <translation>مسار الملف:</translation>
    </message>
    <message>
        <source>Arabic</source>
        <translation>العربية</translation>
    </message>
    <message>
        <source>English</source>
        <translation>الإنجليزية</translation>
    </message>
    <message>
        <source>1 incident</source>
        <translation>حادثة واحدة</translation>
    </message>
    <message>
        <source>{count} incidents</source>
        <translation>حوادث عددها {count}</translation>
    </message>
    <message>
        <source>You are about to export {incidents} for “{profile}”, in {language}.</source>
        <translation>أنت على وشك تصدير {incidents} وفق نموذج الحجب «{profile}»، باللغة {language}.</translation>
    </message>
    <message>
        <source>{count} of them are not approved; you confirmed that they may go out.</source>
        <translation>منها {count} غير معتمدة، وقد أكّدتَ أنه يجوز تصديرها.</translation>
    </message>
    <message>
        <source>The export is signed with your key and recorded in the audit trail.</source>
        <translation>يُوقَّع التصدير بمفتاحك ويُسجَّل في سجل التدقيق.</translation>
    </message>
    <message>
        <source>Save the dossier as</source>
        <translation>حفظ الملف باسم</translation>
    </message>
    <message>
        <source>Dossiers (*.zip)</source>
        <translation>الملفات (*.zip)</translation>
    </message>
    <message>
        <source>Choose where to save the dossier.</source>
        <translation>اختر مكان حفظ الملف.</translation>
    </message>
</context>
<context>
    <name>OwnCardDialog</name>
    <message>
        <source>Your card</source>
        <translation>بطاقتك</translation>
    </message>
    <message>
        <source>Your fingerprint</source>
        <translation>بصمتك</translation>
    </message>
    <message>
        <source>Your card was saved to {path}. It holds only your name, role and public keys: you may hand it over on a USB stick or send it.</source>
        <translation>حُفظت بطاقتك في {path}. لا تحتوي إلا على اسمك ودورك ومفاتيحك العامة: يمكنك تسليمها على ذاكرة USB أو إرسالها.</translation>
    </message>
    <message>
        <source>When your colleague verifies your card, show them this screen: they compare these six groups of digits (and the QR code) with what their Casebook shows for your card.</source>
        <translation>عندما يتحقّق زميلك من بطاقتك، اعرض عليه هذه الشاشة: يقارن هذه المجموعات الست من الأرقام (ورمز QR) بما يعرضه Casebook لديه لبطاقتك.</translation>
    </message>
</context>
<context>
    <name>PackageReceiveDialog</name>
    <message>
        <source>Receive a package</source>
        <translation>استلام حزمة</translation>
    </message>
    <message>
        <source>Choose a package a colleague sent you. Casebook first checks it and shows what it holds; nothing changes in your vault until you press Import. Nothing is ever overwritten: a record changed both here and by the sender is kept in both versions, as a conflict for you to resolve.</source>
        <translation>اختر حزمة أرسلها إليك زميل. يفحصها Casebook أولًا ويعرض ما تحتويه، ولا يتغيّر شيء في خزنتك حتى تضغط «استيراد». لا يُستبدل شيء أبدًا: السجل الذي عُدِّل هنا وعند المُرسِل تُحفظ نسختاه كلتاهما، بوصفه تعارضًا عليك حلّه.</translation>
    </message>
    <message>
        <source>No package chosen</source>
        <translation>لم تُختر حزمة</translation>
    </message>
    <message>
        <source>C&amp;hoose package…</source>
        <translation>ا&amp;ختيار حزمة…</translation>
    </message>
    <message>
        <source>Package:</source>
        <translation>الحزمة:</translation>
    </message>
    <message>
        <source>&amp;Import</source>
        <translation>ا&amp;ستيراد</translation>
    </message>
    <message>
        <source>Resolve &amp;conflicts…</source>
        <translation>حلّ ال&amp;تعارضات…</translation>
    </message>
    <message>
        <source>From</source>
        <translation>من</translation>
    </message>
    <message>
        <source>Sender:</source>
        <translation>المُرسِل:</translation>
    </message>
    <message>
        <source>Fingerprint:</source>
        <translation>البصمة:</translation>
    </message>
    <message>
        <source>Contact:</source>
        <translation>جهة الاتصال:</translation>
    </message>
    <message>
        <source>Made on:</source>
        <translation>تاريخ الإنشاء:</translation>
    </message>
    <message>
        <source>It holds</source>
        <translation>تحتوي على</translation>
    </message>
    <message>
        <source>Importing it would add</source>
        <translation>سيضيف استيرادها</translation>
    </message>
    <message>
        <source>Choose a package</source>
        <translation>اختر حزمة</translation>
    </message>
    <message>
        <source>Case packages (*.{suffix})</source>
        <translation>حزم القضايا (*.{suffix})</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>جميع الملفات (*)</translation>
    </message>
    <message>
        <source>Checking the package: decrypting, checking the signature and the sender&apos;s audit trail…</source>
        <translation>جارٍ فحص الحزمة: فك التشفير، والتحقّق من التوقيع ومن سجل التدقيق لدى المُرسِل…</translation>
    </message>
    <message>
        <source>This package was imported before: importing it again would change nothing.</source>
        <translation>استُوردت هذه الحزمة من قبل: استيرادها مرة أخرى لن يغيّر شيئًا.</translation>
    </message>
    <message>
        <source>The package checks out. Press Import to add it to your vault.</source>
        <translation>الحزمة سليمة. اضغط «استيراد» لإضافتها إلى خزنتك.</translation>
    </message>
    <message>
        <source>{name} ({role})</source>
        <translation>{name} ({role})</translation>
    </message>
    <message>
        <source>Verified in person</source>
        <translation>تم التحقّق وجهًا لوجه</translation>
    </message>
    <message>
        <source>Not verified</source>
        <translation>لم يُتحقَّق منها</translation>
    </message>
    <message>
        <source>New records:</source>
        <translation>سجلات جديدة:</translation>
    </message>
    <message>
        <source>New versions:</source>
        <translation>إصدارات جديدة:</translation>
    </message>
    <message>
        <source>New reviews:</source>
        <translation>مراجعات جديدة:</translation>
    </message>
    <message>
        <source>New comments:</source>
        <translation>تعليقات جديدة:</translation>
    </message>
    <message>
        <source>New evidence files:</source>
        <translation>ملفات أدلة جديدة:</translation>
    </message>
    <message>
        <source>Conflicts:</source>
        <translation>التعارضات:</translation>
    </message>
    <message>
        <source>{count} records were changed both here and by the sender. Both versions will be kept; you choose afterwards, field by field if you like.</source>
        <translation>عدد السجلات التي عُدِّلت هنا وعند المُرسِل: {count}. ستُحفظ النسختان كلتاهما، وتختار أنت بعد ذلك، حقلًا حقلًا إن شئت.</translation>
    </message>
    <message>
        <source>{count} records were changed both here and by the sender. Both versions were kept: resolve the conflicts to choose.</source>
        <translation>عدد السجلات التي عُدِّلت هنا وعند المُرسِل: {count}. حُفظت النسختان كلتاهما: حُلّ التعارضات لتختار.</translation>
    </message>
    <message>
        <source>Importing… %p%</source>
        <translation>جارٍ الاستيراد… %p%</translation>
    </message>
    <message>
        <source>Importing the package…</source>
        <translation>جارٍ استيراد الحزمة…</translation>
    </message>
    <message>
        <source>Added to your vault</source>
        <translation>أُضيف إلى خزنتك</translation>
    </message>
    <message>
        <source>This package was imported before: nothing changed.</source>
        <translation>استُوردت هذه الحزمة من قبل: لم يتغيّر شيء.</translation>
    </message>
    <message>
        <source>The package was imported. {count} conflicts are waiting for you: press “Resolve conflicts…”.</source>
        <translation>استُوردت الحزمة. عدد التعارضات التي تنتظرك: {count}؛ اضغط «حلّ التعارضات…».</translation>
    </message>
    <message>
        <source>The package was imported. The import is recorded in the audit trail.</source>
        <translation>استُوردت الحزمة. وقد سُجِّل الاستيراد في سجل التدقيق.</translation>
    </message>
    <message>
        <source>Nothing was imported.</source>
        <translation>لم يُستورد شيء.</translation>
    </message>
</context>
<context>
    <name>PackageSendDialog</name>
    <message>
        <source>Send a package</source>
        <translation>إرسال حزمة</translation>
    </message>
    <message>
        <source>A package carries records with all their versions, reviews, comments and evidence files. It is signed with your key and encrypted so that only the recipients can open it: carry it on a USB stick or send it any way you like.</source>
        <translation>تحمل الحزمة السجلات بجميع إصداراتها ومراجعاتها وتعليقاتها وملفات أدلتها. وتُوقَّع بمفتاحك وتُشفَّر بحيث لا يستطيع فتحها إلا المستلمون: انقلها على ذاكرة USB أو أرسلها بأي طريقة تشاء.</translation>
    </message>
    <message>
        <source>You have no verified contacts yet. Import a colleague&apos;s card and verify it with them in person first.</source>
        <translation>ليست لديك بعد جهات اتصال تم التحقّق منها. استورد بطاقة زميل وتحقّق منها معه وجهًا لوجه أولًا.</translation>
    </message>
    <message>
        <source>&amp;Contacts…</source>
        <translation>&amp;جهات الاتصال…</translation>
    </message>
    <message>
        <source>To</source>
        <translation>إلى</translation>
    </message>
    <message>
        <source>Everything new since the last package to them</source>
        <translation>كل ما هو جديد منذ آخر حزمة أُرسلت إليهم</translation>
    </message>
    <message>
        <source>Everything in the vault</source>
        <translation>كل ما في الخزنة</translation>
    </message>
    <message>
        <source>What</source>
        <translation>ماذا</translation>
    </message>
    <message>
        <source>Choose where to save the package</source>
        <translation>اختر مكان حفظ الحزمة</translation>
    </message>
    <message>
        <source>C&amp;hoose…</source>
        <translation>ا&amp;ختيار…</translation>
    </message>
    <message>
        <source>Save as:</source>
        <translation>الحفظ باسم:</translation>
    </message>
    <message>
        <source>&amp;Send</source>
        <translation>إ&amp;رسال</translation>
    </message>
    <message>
        <source>Open &amp;folder</source>
        <translation>فتح ال&amp;مجلد</translation>
    </message>
    <message>
        <source>{name} ({role})</source>
        <translation>{name} ({role})</translation>
    </message>
    <message>
        <source>{contact}: not verified. Verify the card with them in Contacts first.</source>
        <translation>{contact}: لم يُتحقَّق منها. تحقّق من البطاقة معه في «جهات الاتصال» أولًا.</translation>
    </message>
    <message>
        <source>Choose who the package is for.</source>
        <translation>اختر لمن الحزمة.</translation>
    </message>
    <message>
        <source>Working out what to send…</source>
        <translation>جارٍ تحديد ما سيُرسَل…</translation>
    </message>
    <message>
        <source>Nothing new to send: {names} already received everything up to now. Choose “Everything in the vault” to send it all again.</source>
        <translation>لا جديد لإرساله: استلم {names} كل شيء حتى الآن. اختر «كل ما في الخزنة» لإرسال كل شيء مرة أخرى.</translation>
    </message>
    <message>
        <source>Newer entries of the audit trail ({count}: unlocking the vault, sending a package…) go with the next package.</source>
        <translation>القيود الأحدث في سجل التدقيق ({count}: فتح الخزنة، وإرسال حزمة…) تُرسَل مع الحزمة التالية.</translation>
    </message>
    <message>
        <source>Everything after entry {seq} of the audit trail, the last one already sent to them:</source>
        <translation>كل ما بعد القيد {seq} من سجل التدقيق، وهو آخر قيد أُرسل إليهم:</translation>
    </message>
    <message>
        <source>Nothing was sent to them before, so everything in the vault:</source>
        <translation>لم يُرسَل إليهم شيء من قبل، لذلك كل ما في الخزنة:</translation>
    </message>
    <message>
        <source>Everything in the vault:</source>
        <translation>كل ما في الخزنة:</translation>
    </message>
    <message>
        <source>Estimated size:</source>
        <translation>الحجم التقديري:</translation>
    </message>
    <message>
        <source>Save the package as</source>
        <translation>حفظ الحزمة باسم</translation>
    </message>
    <message>
        <source>Case packages (*.{suffix})</source>
        <translation>حزم القضايا (*.{suffix})</translation>
    </message>
    <message>
        <source>Choose where to save the package.</source>
        <translation>اختر مكان حفظ الحزمة.</translation>
    </message>
    <message>
        <source>Writing {file}… %p%</source>
        <translation>جارٍ كتابة {file}… %p%</translation>
    </message>
    <message>
        <source>The package was not written.</source>
        <translation>لم تُكتب الحزمة.</translation>
    </message>
    <message>
        <source>The package was saved as:</source>
        <translation>حُفظت الحزمة باسم:</translation>
    </message>
    <message>
        <source>Size: {size}. Only {names} can open it. The sending is recorded in the audit trail.</source>
        <translation>الحجم: {size}. لا يستطيع فتحها إلا {names}. وقد سُجِّل الإرسال في سجل التدقيق.</translation>
    </message>
</context>
<context>
    <name>PackageText</name>
    <message>
        <source>Incidents</source>
        <extracomment>Progress is shown in thousandths: byte counts do not fit a Qt int signal.</extracomment>
        <translation>الحوادث</translation>
    </message>
    <message>
        <source>Persons</source>
        <translation>الأشخاص</translation>
    </message>
    <message>
        <source>Links between incidents and persons</source>
        <translation>الروابط بين الحوادث والأشخاص</translation>
    </message>
    <message>
        <source>Acts</source>
        <translation>الأفعال</translation>
    </message>
    <message>
        <source>Statements</source>
        <translation>الإفادات</translation>
    </message>
    <message>
        <source>Consents</source>
        <translation>الموافقات</translation>
    </message>
    <message>
        <source>Evidence records</source>
        <translation>سجلات الأدلة</translation>
    </message>
    <message>
        <source>Units</source>
        <translation>الوحدات</translation>
    </message>
    <message>
        <source>Places</source>
        <translation>الأماكن</translation>
    </message>
    <message>
        <source>Legal qualifications</source>
        <translation>التكييفات القانونية</translation>
    </message>
    <message>
        <source>Records:</source>
        <translation>السجلات:</translation>
    </message>
    <message>
        <source>{records} ({versions} versions)</source>
        <translation>{records} (عدد الإصدارات: {versions})</translation>
    </message>
    <message>
        <source>Reviews:</source>
        <translation>المراجعات:</translation>
    </message>
    <message>
        <source>Comments:</source>
        <translation>التعليقات:</translation>
    </message>
    <message>
        <source>Evidence files:</source>
        <translation>ملفات الأدلة:</translation>
    </message>
    <message>
        <source>{files} ({size})</source>
        <translation>{files} ({size})</translation>
    </message>
    <message>
        <source>Audit entries:</source>
        <translation>قيود سجل التدقيق:</translation>
    </message>
</context>
<context>
    <name>PartialDateEdit</name>
    <message>
        <source>YYYY-MM-DD, YYYY-MM or YYYY</source>
        <translation>YYYY-MM-DD أو YYYY-MM أو YYYY</translation>
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
    <name>PeoplePanel</name>
    <message>
        <source>Name</source>
        <translation>الاسم</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>الدور</translation>
    </message>
    <message>
        <source>Add person…</source>
        <translation>إضافة شخص…</translation>
    </message>
    <message>
        <source>Remove link</source>
        <translation>إزالة الربط</translation>
    </message>
    <message>
        <source>Open person</source>
        <translation>فتح الشخص</translation>
    </message>
    <message>
        <source>Links are saved with the incident.</source>
        <translation>يُحفظ الربط مع الحادثة.</translation>
    </message>
</context>
<context>
    <name>PerpetratorTable</name>
    <message>
        <source>Person or unit</source>
        <translation>شخص أو وحدة</translation>
    </message>
    <message>
        <source>Involvement</source>
        <translation>درجة التورط</translation>
    </message>
    <message>
        <source>Confidence</source>
        <translation>درجة الثقة</translation>
    </message>
    <message>
        <source>Add perpetrator</source>
        <translation>إضافة جانٍ</translation>
    </message>
    <message>
        <source>Remove perpetrator</source>
        <translation>إزالة الجاني</translation>
    </message>
    <message>
        <source>e.g. gave the orders</source>
        <translation>مثلًا: أصدر الأوامر</translation>
    </message>
</context>
<context>
    <name>PersonEditor</name>
    <message>
        <source>Details</source>
        <translation>التفاصيل</translation>
    </message>
    <message>
        <source>Consent</source>
        <translation>الموافقة</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>الاسم</translation>
    </message>
    <message>
        <source>Name as usually written</source>
        <translation>الاسم كما يُكتب عادةً</translation>
    </message>
    <message>
        <source>Name parts</source>
        <translation>أجزاء الاسم</translation>
    </message>
    <message>
        <source>Given name:</source>
        <translation>الاسم الأول:</translation>
    </message>
    <message>
        <source>Father:</source>
        <translation>اسم الأب:</translation>
    </message>
    <message>
        <source>Grandfather:</source>
        <translation>اسم الجد:</translation>
    </message>
    <message>
        <source>Family name:</source>
        <translation>اسم العائلة:</translation>
    </message>
    <message>
        <source>Laqab / kunya:</source>
        <translation>اللقب / الكنية:</translation>
    </message>
    <message>
        <source>Other spellings</source>
        <translation>طرق كتابة أخرى</translation>
    </message>
    <message>
        <source>Sex</source>
        <translation>الجنس</translation>
    </message>
    <message>
        <source>Birth date</source>
        <translation>تاريخ الميلاد</translation>
    </message>
    <message>
        <source>Age</source>
        <translation>العمر</translation>
    </message>
    <message>
        <source>Estimate</source>
        <translation>تقديري</translation>
    </message>
    <message>
        <source>Age is an estimate</source>
        <translation>العمر تقديري</translation>
    </message>
    <message>
        <source>Occupation</source>
        <translation>المهنة</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>الوسوم</translation>
    </message>
    <message>
        <source>Counted as</source>
        <translation>يُعَدّ</translation>
    </message>
    <message>
        <source>Group size</source>
        <translation>حجم المجموعة</translation>
    </message>
    <message>
        <source>Group size is an estimate</source>
        <translation>حجم المجموعة تقديري</translation>
    </message>
    <message>
        <source>Sensitivity</source>
        <translation>درجة الحساسية</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>ملاحظات</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>الاسم:</translation>
    </message>
    <message>
        <source>Other spellings:</source>
        <translation>طرق كتابة أخرى:</translation>
    </message>
    <message>
        <source>Sex:</source>
        <translation>الجنس:</translation>
    </message>
    <message>
        <source>Birth date:</source>
        <translation>تاريخ الميلاد:</translation>
    </message>
    <message>
        <source>Age:</source>
        <translation>العمر:</translation>
    </message>
    <message>
        <source>Occupation:</source>
        <translation>المهنة:</translation>
    </message>
    <message>
        <source>Tags:</source>
        <translation>الوسوم:</translation>
    </message>
    <message>
        <source>Size:</source>
        <translation>الحجم:</translation>
    </message>
    <message>
        <source>Counted as:</source>
        <translation>يُعَدّ:</translation>
    </message>
    <message>
        <source>Sensitivity:</source>
        <translation>درجة الحساسية:</translation>
    </message>
    <message>
        <source>Contact:</source>
        <translation>بيانات الاتصال:</translation>
    </message>
    <message>
        <source>Notes:</source>
        <translation>ملاحظات:</translation>
    </message>
    <message>
        <source>Phone, messenger, address… (always secret)</source>
        <translation>هاتف، تطبيق مراسلة، عنوان… (سرية دائمًا)</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>بيانات الاتصال</translation>
    </message>
    <message>
        <source>Hidden. Revealing the contact details is recorded in the audit trail.</source>
        <translation>مخفية. يُسجَّل إظهار بيانات الاتصال في سجل التدقيق.</translation>
    </message>
    <message>
        <source>Reveal</source>
        <translation>إظهار</translation>
    </message>
    <message>
        <source>New person</source>
        <translation>شخص جديد</translation>
    </message>
</context>
<context>
    <name>PlaceField</name>
    <message>
        <source>Not given</source>
        <translation>غير محدد</translation>
    </message>
    <message>
        <source>Clear the place</source>
        <translation>مسح المكان</translation>
    </message>
    <message>
        <source>Written as text before places were chosen from the gazetteer</source>
        <translation>كُتب نصًّا قبل أن تُختار الأماكن من معجم الأماكن</translation>
    </message>
</context>
<context>
    <name>PlacePickerDialog</name>
    <message>
        <source>Choose a place</source>
        <translation>اختيار مكان</translation>
    </message>
    <message>
        <source>Type a place name in Arabic or English, or a P-code</source>
        <translation>اكتب اسم مكان بالعربية أو الإنجليزية، أو رمز P-code</translation>
    </message>
    <message>
        <source>Add place…</source>
        <translation>إضافة مكان…</translation>
    </message>
    <message>
        <source>Choose</source>
        <translation>اختيار</translation>
    </message>
    <message>
        <source>{path} ({level})</source>
        <translation>{path} ({level})</translation>
    </message>
    <message>
        <source>No place matches “{text}”.</source>
        <translation>لا يوجد مكان يطابق «{text}».</translation>
    </message>
    <message>
        <source>Add a community or a site inside the place chosen</source>
        <translation>إضافة تجمّع سكني أو موقع ضمن المكان المختار</translation>
    </message>
    <message>
        <source>A place cannot be added inside a site</source>
        <translation>لا يمكن إضافة مكان ضمن موقع</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>الاسم:</translation>
    </message>
    <message>
        <source>Arabic name:</source>
        <translation>الاسم بالعربية:</translation>
    </message>
    <message>
        <source>Level:</source>
        <translation>المستوى:</translation>
    </message>
    <message>
        <source>P-code:</source>
        <translation>رمز P-code:</translation>
    </message>
    <message>
        <source>Coordinates:</source>
        <translation>الإحداثيات:</translation>
    </message>
    <message>
        <source>Inside:</source>
        <translation>ضمن:</translation>
    </message>
</context>
<context>
    <name>PlaceTreeModel</name>
    <message>
        <source>Place</source>
        <extracomment>Levels a person may add (the administrative ones come from boundary tables).</extracomment>
        <translation>المكان</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>المستوى</translation>
    </message>
    <message>
        <source>P-code</source>
        <translation>رمز P-code</translation>
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
    <name>PreviewPage</name>
    <message>
        <source>Preview</source>
        <translation>معاينة</translation>
    </message>
    <message>
        <source>The pages as they will be, and what is withheld. Nothing has been written yet.</source>
        <translation>الصفحات كما ستكون، وما سيُحجب. لم يُكتب شيء بعد.</translation>
    </message>
    <message>
        <source>The preview of the pages is not available in this copy of Casebook. The summary beside it is complete.</source>
        <translation>معاينة الصفحات غير متاحة في هذه النسخة من Casebook. أما الملخص المجاور فكامل.</translation>
    </message>
    <message>
        <source>Preparing the preview…</source>
        <translation>جارٍ إعداد المعاينة…</translation>
    </message>
    <message>
        <source>Page {page} of {pages}</source>
        <translation>الصفحة {page} من {pages}</translation>
    </message>
    <message>
        <source>Victims</source>
        <translation>الضحايا</translation>
    </message>
    <message>
        <source>Children</source>
        <translation>الأطفال</translation>
    </message>
    <message>
        <source>Survivors of sexual violence</source>
        <translation>الناجون من العنف الجنسي</translation>
    </message>
    <message>
        <source>Witnesses</source>
        <translation>الشهود</translation>
    </message>
    <message>
        <source>Sources</source>
        <translation>المصادر</translation>
    </message>
    <message>
        <source>Interviewers</source>
        <translation>القائمون بالمقابلات</translation>
    </message>
    <message>
        <source>Alleged perpetrators</source>
        <translation>الجناة المزعومون</translation>
    </message>
    <message>
        <source>Intervening parties</source>
        <translation>الأطراف المتدخِّلة</translation>
    </message>
    <message>
        <source>shown under a pseudonym</source>
        <translation>مُستبدلون بأسماء مستعارة</translation>
    </message>
    <message>
        <source>left out</source>
        <translation>محذوفون</translation>
    </message>
    <message>
        <source>generalised</source>
        <translation>مُعمَّمون</translation>
    </message>
    <message>
        <source>named</source>
        <translation>مذكورون بأسمائهم</translation>
    </message>
    <message>
        <source>names</source>
        <translation>الأسماء</translation>
    </message>
    <message>
        <source>phone numbers</source>
        <translation>أرقام الهواتف</translation>
    </message>
    <message>
        <source>e-mail addresses</source>
        <translation>عناوين البريد الإلكتروني</translation>
    </message>
    <message>
        <source>identity numbers</source>
        <translation>أرقام الهوية</translation>
    </message>
    <message>
        <source>contact details</source>
        <translation>بيانات الاتصال</translation>
    </message>
    <message>
        <source>internal notes</source>
        <translation>الملاحظات الداخلية</translation>
    </message>
    <message>
        <source>risk notes</source>
        <translation>ملاحظات المخاطر</translation>
    </message>
    <message>
        <source>coordinates</source>
        <translation>الإحداثيات</translation>
    </message>
    <message>
        <source>interviewer and interpreter names</source>
        <translation>أسماء القائمين بالمقابلات والمترجمين الشفويين</translation>
    </message>
    <message>
        <source>original file names</source>
        <translation>أسماء الملفات الأصلية</translation>
    </message>
    <message>
        <source>evidence collectors and source URLs</source>
        <translation>جامعو الأدلة وعناوين URL للمصادر</translation>
    </message>
    <message>
        <source>{who}: {count}, {action}</source>
        <translation>{who}: {count}، {action}</translation>
    </message>
    <message>
        <source>Everyone in these incidents is named.</source>
        <translation>كل من في هذه الحوادث مذكور باسمه.</translation>
    </message>
    <message>
        <source>{what}: {count}</source>
        <translation>{what}: {count}</translation>
    </message>
    <message>
        <source>Nothing needed replacing.</source>
        <translation>لم يكن هناك ما يلزم استبداله.</translation>
    </message>
    <message>
        <source>Files: {count}</source>
        <translation>الملفات: {count}</translation>
    </message>
    <message>
        <source>Released: {count} (re-encoded, without metadata)</source>
        <translation>المُدرجة: {count} (بعد إعادة ترميزها، دون بيانات وصفية)</translation>
    </message>
    <message>
        <source>Withheld: {count} (listed by SHA-256 only)</source>
        <translation>المحجوبة: {count} (تُذكر بقيمة SHA-256 فقط)</translation>
    </message>
    <message>
        <source>People</source>
        <translation>الأشخاص</translation>
    </message>
    <message>
        <source>Replaced in the text (narratives, statements, descriptions)</source>
        <translation>ما استُبدل في النص (السرد والإفادات والأوصاف)</translation>
    </message>
    <message>
        <source>Evidence</source>
        <translation>الأدلة</translation>
    </message>
    <message>
        <source>Always left out</source>
        <translation>ما يُحذف دائمًا</translation>
    </message>
    <message>
        <source>Overrides of the safe defaults</source>
        <translation>تجاوزات الإعدادات الافتراضية الآمنة</translation>
    </message>
</context>
<context>
    <name>ProfilePage</name>
    <message>
        <source>For which mechanism, in which language?</source>
        <translation>لأي آلية، وبأي لغة؟</translation>
    </message>
    <message>
        <source>The profile decides what the dossier withholds. Nothing is left to chance: every rule is listed in the dossier&apos;s redaction report.</source>
        <translation>يحدد نموذج الحجب ما يُحجب من الملف. لا شيء متروك للمصادفة: كل قاعدة مذكورة في تقرير الحجب المرفق بالملف.</translation>
    </message>
    <message>
        <source>English</source>
        <translation>الإنجليزية (English)</translation>
    </message>
    <message>
        <source>Arabic (العربية)</source>
        <translation>العربية</translation>
    </message>
    <message>
        <source>Language of the dossier:</source>
        <translation>لغة الملف:</translation>
    </message>
    <message>
        <source>For a communication to a UN Special Rapporteur or Working Group.</source>
        <translation>لبلاغ موجَّه إلى مقرر خاص أو فريق عامل تابع للأمم المتحدة.</translation>
    </message>
    <message>
        <source>For a UN Commission of Inquiry, which may use statements as evidence.</source>
        <translation>للجنة تحقيق تابعة للأمم المتحدة، قد تستخدم الإفادات أدلةً.</translation>
    </message>
    <message>
        <source>For the International, Impartial and Independent Mechanism, which prepares criminal files and may use statements as evidence.</source>
        <translation>للآلية الدولية المحايدة والمستقلة، التي تُعِدّ ملفات جنائية وقد تستخدم الإفادات أدلةً.</translation>
    </message>
    <message>
        <source>For a report anyone may read: the most protective profile.</source>
        <translation>لتقرير يمكن لأي شخص قراءته: أكثر نماذج الحجب حمايةً.</translation>
    </message>
    <message>
        <source>Victims are named only if they consented to “{scope}” (consent withdrawn or expired counts as none); otherwise they appear under a pseudonym such as “Victim 3”.</source>
        <translation>لا تُذكر أسماء الضحايا إلا إذا وافقوا على «{scope}» (وتُعدّ الموافقة المسحوبة أو المنتهية الصلاحية كأنها لم تكن)؛ وإلا فيظهرون باسم مستعار مثل «الضحية 3».</translation>
    </message>
    <message>
        <source>Victims are named.</source>
        <translation>تُذكر أسماء الضحايا.</translation>
    </message>
    <message>
        <source>Victims appear under a pseudonym.</source>
        <translation>يظهر الضحايا بأسماء مستعارة.</translation>
    </message>
    <message>
        <source>Children and survivors of sexual violence always appear under a pseudonym.</source>
        <translation>يظهر الأطفال والناجون من العنف الجنسي دائمًا بأسماء مستعارة.</translation>
    </message>
    <message>
        <source>Alleged perpetrators are named.</source>
        <translation>تُذكر أسماء الجناة المزعومين.</translation>
    </message>
    <message>
        <source>Alleged perpetrators are left out.</source>
        <translation>يُحذف الجناة المزعومون.</translation>
    </message>
    <message>
        <source>Alleged perpetrators appear under a pseudonym too.</source>
        <translation>ويظهر الجناة المزعومون أيضًا بأسماء مستعارة.</translation>
    </message>
    <message>
        <source>Witnesses, sources and interviewers, contact details, internal notes and risk notes are always left out.</source>
        <translation>يُحذف دائمًا الشهود والمصادر والقائمون بالمقابلات، وبيانات الاتصال، والملاحظات الداخلية، وملاحظات المخاطر.</translation>
    </message>
    <message>
        <source>The text of statements is left out; sources are described without their identity.</source>
        <translation>يُحذف نص الإفادات، وتُوصف المصادر دون الكشف عن هويتها.</translation>
    </message>
    <message>
        <source>Statements are included, with every withheld name and any phone number, e-mail address or identity number replaced.</source>
        <translation>تُدرج الإفادات، مع استبدال كل اسم محجوب وأي رقم هاتف أو عنوان بريد إلكتروني أو رقم هوية.</translation>
    </message>
    <message>
        <source>Places are left out.</source>
        <translation>تُحذف الأماكن.</translation>
    </message>
    <message>
        <source>Places are given only down to the level “{level}”, without coordinates.</source>
        <translation>تُذكر الأماكن حتى مستوى «{level}» فقط، دون إحداثيات.</translation>
    </message>
    <message>
        <source>No evidence files are released; the evidence index lists each file&apos;s SHA-256.</source>
        <translation>لا يُدرج أي ملف من ملفات الأدلة، ويذكر فهرس الأدلة قيمة SHA-256 لكل ملف.</translation>
    </message>
    <message>
        <source>Photographs are released, re-encoded so that no metadata (place, device, time) survives; other files are listed by SHA-256 only.</source>
        <translation>تُدرج الصور الفوتوغرافية بعد إعادة ترميزها بحيث لا تبقى فيها أي بيانات وصفية (المكان، الجهاز، الوقت)؛ أما الملفات الأخرى فتُذكر بقيمة SHA-256 فقط.</translation>
    </message>
    <message>
        <source>This profile overrides a safe default; the override is recorded in the audit trail and the report.</source>
        <translation>يتجاوز نموذج الحجب هذا إعدادًا افتراضيًا آمنًا؛ ويُسجَّل هذا التجاوز في سجل التدقيق وفي التقرير.</translation>
    </message>
</context>
<context>
    <name>QrCodeWidget</name>
    <message>
        <source>QR code of the fingerprint</source>
        <extracomment>Pixels per module the widget asks for; it paints smaller or larger as laid out. The quiet zone around the code, in modules (the standard asks for 4).</extracomment>
        <translation>رمز QR للبصمة</translation>
    </message>
</context>
<context>
    <name>QualificationsPanel</name>
    <message>
        <source>Act or violation</source>
        <translation>الفعل أو الانتهاك</translation>
    </message>
    <message>
        <source>Standard of proof</source>
        <translation>معيار الإثبات</translation>
    </message>
    <message>
        <source>Rationale</source>
        <translation>التعليل</translation>
    </message>
    <message>
        <source>Reviewer</source>
        <translation>المراجِع</translation>
    </message>
    <message>
        <source>This incident has no acts to qualify yet.</source>
        <translation>لا تتضمّن هذه الحادثة بعدُ أفعالًا يمكن تكييفها.</translation>
    </message>
    <message>
        <source>Qualify…</source>
        <translation>تكييف قانوني…</translation>
    </message>
    <message>
        <source>Withdraw</source>
        <translation>سحب</translation>
    </message>
    <message>
        <source>Legal qualification is a supervisor&apos;s reasoned act, kept apart from the facts the documenters record.</source>
        <translation>التكييف القانوني عمل مُعلَّل يقوم به المشرف، ويبقى منفصلًا عن الوقائع التي يسجّلها الموثِّقون.</translation>
    </message>
    <message>
        <source>{term} ({code}), {proof}, by {reviewer}:
{rationale}</source>
        <translation>{term} ({code})، {proof}، بواسطة {reviewer}:
{rationale}</translation>
    </message>
    <message>
        <source>Withdraw this qualification? It stays in the history.</source>
        <translation>هل تسحب هذا التكييف؟ يبقى في السجل التاريخي.</translation>
    </message>
</context>
<context>
    <name>QualifyDialog</name>
    <message>
        <source>Qualify an act</source>
        <translation>التكييف القانوني لفعل</translation>
    </message>
    <message>
        <source>Choose the violation</source>
        <translation>اختيار الانتهاك</translation>
    </message>
    <message>
        <source>Choose the standard of proof</source>
        <translation>اختيار معيار الإثبات</translation>
    </message>
    <message>
        <source>Why the facts meet this qualification, and on what sources</source>
        <translation>لماذا تستوفي الوقائع هذا التكييف، وإلى أي مصادر يستند</translation>
    </message>
    <message>
        <source>Act:</source>
        <translation>الفعل:</translation>
    </message>
    <message>
        <source>Violation:</source>
        <translation>الانتهاك:</translation>
    </message>
    <message>
        <source>Standard of proof:</source>
        <translation>معيار الإثبات:</translation>
    </message>
    <message>
        <source>Rationale:</source>
        <translation>التعليل:</translation>
    </message>
    <message>
        <source>This cannot be empty.</source>
        <translation>لا يمكن ترك هذا الحقل فارغًا.</translation>
    </message>
</context>
<context>
    <name>ReadinessPage</name>
    <message>
        <source>Readiness check</source>
        <translation>فحص الجاهزية</translation>
    </message>
    <message>
        <source>What the mechanism needs that is missing, what is not approved, and whose consent is missing. Double-click an item to open the incident; then check again.</source>
        <translation>ما تحتاج إليه الآلية وهو ناقص، وما لم يُعتمد، ومن تنقص موافقته. انقر نقرًا مزدوجًا على أي بند لفتح الحادثة، ثم أعِد الفحص.</translation>
    </message>
    <message>
        <source>Check again</source>
        <translation>إعادة الفحص</translation>
    </message>
    <message>
        <source>Include incidents that are not approved</source>
        <translation>تضمين الحوادث غير المعتمدة</translation>
    </message>
    <message>
        <source>Checking the incidents…</source>
        <translation>جارٍ فحص الحوادث…</translation>
    </message>
    <message>
        <source>Not approved yet (status: {status}). It goes out only if you tick “Include incidents that are not approved” below.</source>
        <translation>لم تُعتمد بعد (الحالة: {status}). لن تُصدَّر إلا إذا حدّدت الخيار «تضمين الحوادث غير المعتمدة» أدناه.</translation>
    </message>
    <message>
        <source>No alleged victim is recorded.</source>
        <translation>لم تُسجَّل أي ضحية مزعومة.</translation>
    </message>
    <message>
        <source>No alleged perpetrator (person or unit) is recorded.</source>
        <translation>لم يُسجَّل أي جانٍ مزعوم (شخص أو وحدة).</translation>
    </message>
    <message>
        <source>The date of the incident is missing.</source>
        <translation>تاريخ الحادثة غير مسجَّل.</translation>
    </message>
    <message>
        <source>The place of the incident is missing.</source>
        <translation>مكان الحادثة غير مسجَّل.</translation>
    </message>
    <message>
        <source>There is no description (narrative).</source>
        <translation>لا يوجد وصف (سرد).</translation>
    </message>
    <message>
        <source>Enforced disappearance: the full name of the disappeared person is missing.</source>
        <translation>الاختفاء القسري: الاسم الكامل للشخص المختفي غير مسجَّل.</translation>
    </message>
    <message>
        <source>Enforced disappearance: the date of arrest or last sighting is missing.</source>
        <translation>الاختفاء القسري: تاريخ الاعتقال أو آخر مرة شوهد فيها الشخص غير مسجَّل.</translation>
    </message>
    <message>
        <source>Enforced disappearance: the place of arrest or last sighting is missing.</source>
        <translation>الاختفاء القسري: مكان الاعتقال أو آخر مكان شوهد فيه الشخص غير مسجَّل.</translation>
    </message>
    <message>
        <source>Enforced disappearance: the forces believed responsible are not recorded on the act.</source>
        <translation>الاختفاء القسري: القوات التي يُعتقد أنها مسؤولة غير مسجَّلة في الفعل.</translation>
    </message>
    <message>
        <source>Enforced disappearance: the steps taken to locate the person are not recorded (in the act: “Steps taken to locate the person”).</source>
        <translation>الاختفاء القسري: الخطوات المتخذة لتحديد مكان الشخص غير مسجَّلة (في الفعل: «الخطوات المتخذة لتحديد مكان الشخص»).</translation>
    </message>
    <message>
        <source>A victim has not consented to this mechanism (or the consent was withdrawn or has expired): their name will be withheld.</source>
        <translation>لم تمنح إحدى الضحايا موافقتها لهذه الآلية (أو سُحبت الموافقة أو انتهت صلاحيتها): سيُحجب اسمها.</translation>
    </message>
    <message>
        <source>{count} victims have not consented to this mechanism (or the consent was withdrawn or has expired): their names will be withheld.</source>
        <translation>لم يمنح {count} من الضحايا موافقتهم لهذه الآلية (أو سُحبت الموافقة أو انتهت صلاحيتها): ستُحجب أسماؤهم.</translation>
    </message>
    <message>
        <source>Missing</source>
        <translation>نقص</translation>
    </message>
    <message>
        <source>Not approved</source>
        <translation>غير معتمدة</translation>
    </message>
    <message>
        <source>Consent</source>
        <translation>الموافقة</translation>
    </message>
    <message>
        <source>Nothing missing</source>
        <translation>لا ينقص شيء</translation>
    </message>
    <message>
        <source>Double-click to open the incident</source>
        <translation>انقر نقرًا مزدوجًا لفتح الحادثة</translation>
    </message>
    <message>
        <source>{count} incidents chosen.</source>
        <translation>عدد الحوادث المختارة: {count}.</translation>
    </message>
    <message>
        <source>1 incident chosen.</source>
        <translation>اختيرت حادثة واحدة.</translation>
    </message>
    <message>
        <source>Nothing is missing: everything the profile needs is there.</source>
        <translation>لا ينقص شيء: كل ما يحتاج إليه نموذج الحجب موجود.</translation>
    </message>
    <message>
        <source>To look at: {missing} missing, {unapproved} not approved, {consent} victims without consent.</source>
        <translation>ما يستدعي الانتباه: نواقص: {missing}، غير معتمدة: {unapproved}، ضحايا دون موافقة: {consent}.</translation>
    </message>
    <message>
        <source>{count} of these incidents have not been approved by a supervisor. A mechanism may act on what you send: send unapproved incidents only if you are sure.</source>
        <translation>عدد الحوادث التي لم يعتمدها مشرف من بين هذه الحوادث: {count}. قد تتخذ الآلية إجراءات بناءً على ما ترسله، فلا ترسل حوادث غير معتمدة إلا إذا كنت متأكدًا.</translation>
    </message>
</context>
<context>
    <name>RecordDialog</name>
    <message>
        <source>Someone saved this record after you opened it, so your changes were not saved (nothing was overwritten). Cancel, then open it again.</source>
        <translation>حفظ أحدهم هذا السجل بعد أن فتحته، لذلك لم تُحفظ تغييراتك (ولم يُكتب فوق شيء). ألغِ، ثم افتحه من جديد.</translation>
    </message>
    <message>
        <source>Save your changes?</source>
        <translation>هل تحفظ تغييراتك؟</translation>
    </message>
</context>
<context>
    <name>RecordEditor</name>
    <message>
        <source>Save</source>
        <translation>حفظ</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>تراجع</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>إعادة</translation>
    </message>
    <message>
        <source>History…</source>
        <translation>السجل…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>إغلاق</translation>
    </message>
    <message>
        <source>Someone saved this record after you opened it, so your changes were not saved (nothing was overwritten). Copy what you need, close this editor and open the record again.</source>
        <translation>حفظ أحدهم هذا السجل بعد أن فتحته، لذلك لم تُحفظ تغييراتك (ولم يُكتب فوق شيء). انسخ ما تحتاج إليه، ثم أغلق هذا المحرر وافتح السجل من جديد.</translation>
    </message>
    <message>
        <source>Save the changes to “{title}”?</source>
        <translation>هل تحفظ التغييرات على «{title}»؟</translation>
    </message>
    <message>
        <source>Restore draft</source>
        <translation>استعادة المسودة</translation>
    </message>
    <message>
        <source>Restored from a draft kept at {when}. Save to keep it.</source>
        <translation>استُعيد من مسودة حُفظت في {when}. احفظ لتثبيتها.</translation>
    </message>
</context>
<context>
    <name>RecordTablePanel</name>
    <message>
        <source>Edit…</source>
        <translation>تعديل…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>إزالة</translation>
    </message>
    <message>
        <source>Remove this record? Its earlier versions stay in the history.</source>
        <translation>هل تزيل هذا السجل؟ تبقى إصداراته السابقة في السجل التاريخي.</translation>
    </message>
</context>
<context>
    <name>RequestChangesDialog</name>
    <message>
        <source>Request changes to “{title}”</source>
        <translation>طلب تعديلات على «{title}»</translation>
    </message>
    <message>
        <source>Say what needs to change. The documenter sees this comment in the incident&apos;s thread.</source>
        <translation>اذكر ما يجب تعديله. سيرى الموثِّق هذا التعليق في سلسلة التعليقات الخاصة بالحادثة.</translation>
    </message>
    <message>
        <source>Request changes</source>
        <translation>طلب تعديلات</translation>
    </message>
    <message>
        <source>Say what needs to change: a comment is required when asking for changes.</source>
        <translation>اذكر ما يجب تعديله: التعليق مطلوب عند طلب التعديلات.</translation>
    </message>
</context>
<context>
    <name>ResultPage</name>
    <message>
        <source>Export</source>
        <translation>التصدير</translation>
    </message>
    <message>
        <source>The dossier is built, signed and written in one go; a dossier is never left half-written under its name.</source>
        <translation>يُبنى الملف ويُوقَّع ويُكتب دفعةً واحدة، فلا يُترك ملف مكتوب جزئيًا تحت اسمه أبدًا.</translation>
    </message>
    <message>
        <source>Signer&apos;s fingerprint:</source>
        <translation>بصمة الموقِّع:</translation>
    </message>
    <message>
        <source>Tell the recipient this fingerprint through another channel (a call, a meeting). They check the dossier with “casebook verify”, which needs no vault and prints the same fingerprint.</source>
        <translation>أبلغ المستلم بهذه البصمة عبر قناة أخرى (مكالمة، لقاء). يتحقق المستلم من الملف بالأمر «casebook verify»، الذي لا يحتاج إلى خزنة ويعرض البصمة نفسها.</translation>
    </message>
    <message>
        <source>Open folder</source>
        <translation>فتح المجلد</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>إعادة المحاولة</translation>
    </message>
    <message>
        <source>The dossier cannot be written: the PDF renderer is not installed in this copy of Casebook.</source>
        <translation>تتعذّر كتابة الملف: أداة إنشاء ملفات PDF غير مثبَّتة في هذه النسخة من Casebook.</translation>
    </message>
    <message>
        <source>Writing {file}…</source>
        <translation>جارٍ كتابة {file}…</translation>
    </message>
    <message>
        <source>The dossier was not written.</source>
        <translation>لم يُكتب الملف.</translation>
    </message>
    <message>
        <source>Building the dossier: redacting, drawing the pages, re-encoding images, signing…</source>
        <translation>جارٍ بناء الملف: الحجب، ورسم الصفحات، وإعادة ترميز الصور، والتوقيع…</translation>
    </message>
    <message>
        <source>The dossier was saved as:</source>
        <translation>حُفظ الملف باسم:</translation>
    </message>
    <message>
        <source>It holds {incidents} incidents, {files} files and {released} released evidence files. The export is recorded in the audit trail.</source>
        <translation>يضم الملف: عدد الحوادث {incidents}، وعدد الملفات {files}، وعدد ملفات الأدلة المُدرجة {released}. وقد سُجِّل التصدير في سجل التدقيق.</translation>
    </message>
    <message>
        <source>Dossier exported</source>
        <translation>تم تصدير الملف</translation>
    </message>
</context>
<context>
    <name>Review</name>
    <message>
        <source>Comment</source>
        <translation>تعليق</translation>
    </message>
    <message>
        <source>Submitted for review</source>
        <translation>إرسال للمراجعة</translation>
    </message>
    <message>
        <source>Approved</source>
        <translation>اعتماد</translation>
    </message>
    <message>
        <source>Changes requested</source>
        <translation>طلب تعديلات</translation>
    </message>
    <message>
        <source>the approval&apos;s signature does NOT verify</source>
        <translation>فشل التحقّق من توقيع الاعتماد</translation>
    </message>
    <message>
        <source>the approval is not signed by a supervisor of this vault</source>
        <translation>الاعتماد غير موقَّع من مشرف في هذه الخزنة</translation>
    </message>
    <message>
        <source>the approved version was altered after approval</source>
        <translation>عُدِّل الإصدار المعتمد بعد اعتماده</translation>
    </message>
    <message>
        <source>Approved (version {version}, {name}) — signature verifies</source>
        <extracomment>Statuses from which an incident can be submitted.</extracomment>
        <translation>اعتمد {name} الإصدار {version} — تمّ التحقّق من التوقيع</translation>
    </message>
    <message>
        <source>Approval of version {version} ({name}) does NOT hold: {problem}</source>
        <translation>اعتماد {name} للإصدار {version} غير صالح: {problem}</translation>
    </message>
    <message>
        <source>Changed since approval (version {version} was approved by {name})</source>
        <translation>طرأت تعديلات منذ الاعتماد (اعتمد {name} الإصدار {version})</translation>
    </message>
</context>
<context>
    <name>ReviewPanel</name>
    <message>
        <source>Review</source>
        <translation>المراجعة</translation>
    </message>
    <message>
        <source>Open the incident</source>
        <translation>فتح الحادثة</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>الحقل</translation>
    </message>
    <message>
        <source>Approved version</source>
        <translation>الإصدار المعتمد</translation>
    </message>
    <message>
        <source>Now</source>
        <translation>الآن</translation>
    </message>
    <message>
        <source>Changes</source>
        <translation>التغييرات</translation>
    </message>
    <message>
        <source>Legal qualification</source>
        <translation>التكييف القانوني</translation>
    </message>
    <message>
        <source>A comment for the thread; it goes with a decision made now</source>
        <translation>تعليق لسلسلة التعليقات؛ يُرفق بأي قرار يُتّخذ الآن</translation>
    </message>
    <message>
        <source>Add comment</source>
        <translation>إضافة تعليق</translation>
    </message>
    <message>
        <source>Submit for review</source>
        <translation>إرسال للمراجعة</translation>
    </message>
    <message>
        <source>Request changes</source>
        <translation>طلب تعديلات</translation>
    </message>
    <message>
        <source>Approve</source>
        <translation>اعتماد</translation>
    </message>
    <message>
        <source>Comments and decisions</source>
        <translation>التعليقات والقرارات</translation>
    </message>
    <message>
        <source>Untitled incident</source>
        <translation>حادثة بلا عنوان</translation>
    </message>
    <message>
        <source>Review of “{title}”</source>
        <translation>مراجعة «{title}»</translation>
    </message>
    <message>
        <source>Status: {status} (version {version})</source>
        <translation>الحالة: {status} (الإصدار {version})</translation>
    </message>
    <message>
        <source>Never approved: everything in the record is new to the reviewer.</source>
        <translation>لم يُعتمد قطّ: كل ما في السجل جديد بالنسبة إلى المراجِع.</translation>
    </message>
    <message>
        <source>Before</source>
        <translation>قبل</translation>
    </message>
    <message>
        <source>Changes since the approved version {version}:</source>
        <translation>التغييرات منذ الإصدار المعتمد {version}:</translation>
    </message>
    <message>
        <source>Approved version {version}</source>
        <translation>الإصدار المعتمد {version}</translation>
    </message>
    <message>
        <source>No changes since the approved version {version}.</source>
        <translation>لا توجد تغييرات منذ الإصدار المعتمد {version}.</translation>
    </message>
    <message>
        <source>{when} · {name} · version {version} · {what}</source>
        <translation>{when} · {name} · الإصدار {version} · {what}</translation>
    </message>
    <message>
        <source>No comments yet.</source>
        <translation>لا توجد تعليقات بعد.</translation>
    </message>
    <message>
        <source>Say what needs to change: a comment is required when asking for changes.</source>
        <translation>اذكر ما يجب تعديله: التعليق مطلوب عند طلب التعديلات.</translation>
    </message>
    <message>
        <source>The incident was submitted for review.</source>
        <translation>أُرسلت الحادثة للمراجعة.</translation>
    </message>
    <message>
        <source>The incident was approved.</source>
        <translation>اعتُمدت الحادثة.</translation>
    </message>
    <message>
        <source>Changes were requested.</source>
        <translation>طُلبت تعديلات.</translation>
    </message>
    <message>
        <source>Write the comment first.</source>
        <translation>اكتب التعليق أولًا.</translation>
    </message>
    <message>
        <source>Your comment was added.</source>
        <translation>أُضيف تعليقك.</translation>
    </message>
</context>
<context>
    <name>ReviewQueueModel</name>
    <message>
        <source>Title</source>
        <translation>العنوان</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>الحالة</translation>
    </message>
    <message>
        <source>Last change</source>
        <translation>آخر تعديل</translation>
    </message>
</context>
<context>
    <name>ReviewQueuePage</name>
    <message>
        <source>Review queue</source>
        <translation>قائمة المراجعة</translation>
    </message>
    <message>
        <source>Submitted for review</source>
        <translation>مُرسَلة للمراجعة</translation>
    </message>
    <message>
        <source>Needing changes</source>
        <translation>بحاجة إلى تعديلات</translation>
    </message>
    <message>
        <source>Drafts</source>
        <translation>مسودات</translation>
    </message>
    <message>
        <source>&amp;Show:</source>
        <translation>&amp;عرض:</translation>
    </message>
    <message>
        <source>Open review…</source>
        <translation>فتح المراجعة…</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>تحديث</translation>
    </message>
    <message>
        <source>{count} incidents</source>
        <translation>عدد الحوادث: {count}</translation>
    </message>
    <message>
        <source>1 incident</source>
        <translation>حادثة واحدة</translation>
    </message>
    <message>
        <source>No incident is waiting for review.</source>
        <translation>لا توجد حادثة بانتظار المراجعة.</translation>
    </message>
    <message>
        <source>No incident needs changes.</source>
        <translation>لا توجد حادثة بحاجة إلى تعديلات.</translation>
    </message>
    <message>
        <source>No incident is in this state.</source>
        <translation>لا توجد حادثة في هذه الحالة.</translation>
    </message>
</context>
<context>
    <name>SaveTarget</name>
    <message>
        <source>This is a folder; give a file name.</source>
        <translation>هذا مجلد؛ أدخل اسم ملف.</translation>
    </message>
    <message>
        <source>The folder {folder} does not exist.</source>
        <translation>المجلد {folder} غير موجود.</translation>
    </message>
    <message>
        <source>{file} already exists. Choose another name, or pick it with “Choose…” to replace it.</source>
        <translation>{file} موجود بالفعل. اختر اسمًا آخر، أو اختره عبر «اختيار…» لاستبداله.</translation>
    </message>
</context>
<context>
    <name>SchemeImportDialog</name>
    <message>
        <source>Add a scheme from a CSV file</source>
        <translation>إضافة مخطط من ملف CSV</translation>
    </message>
    <message>
        <source>A CSV thesaurus becomes a new scheme of this vault&apos;s taxonomy. Uwazi&apos;s layout has one column per language (English, Arabic…) and writes a narrower term under its parent with a leading &apos;-&apos;. The plain layout has the columns code, parent, label_en, label_ar.</source>
        <translation>يصبح مكنز المصطلحات المحفوظ بصيغة CSV مخططًا جديدًا في تصنيف هذه الخزنة. في تنسيق Uwazi عمود لكل لغة (الإنجليزية، العربية…)، ويُكتب فيه المصطلح الأضيق تحت المصطلح الأعلى منه مسبوقًا بالعلامة &apos;-&apos;. أما التنسيق البسيط ففيه الأعمدة code وparent وlabel_en وlabel_ar.</translation>
    </message>
    <message>
        <source>Add scheme</source>
        <translation>إضافة المخطط</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>استعراض…</translation>
    </message>
    <message>
        <source>Uwazi (a column per language, &apos;-&apos; for children)</source>
        <translation>Uwazi (عمود لكل لغة، و&apos;-&apos; للمصطلحات الفرعية)</translation>
    </message>
    <message>
        <source>Plain (code, parent, label_en, label_ar…)</source>
        <translation>بسيط (code، parent، label_en، label_ar…)</translation>
    </message>
    <message>
        <source>e.g. checkpoint</source>
        <translation>مثلًا: checkpoint</translation>
    </message>
    <message>
        <source>CSV file:</source>
        <translation>ملف CSV:</translation>
    </message>
    <message>
        <source>Layout:</source>
        <translation>التنسيق:</translation>
    </message>
    <message>
        <source>Scheme code:</source>
        <translation>رمز المخطط:</translation>
    </message>
    <message>
        <source>English name:</source>
        <translation>الاسم بالإنجليزية:</translation>
    </message>
    <message>
        <source>Arabic name:</source>
        <translation>الاسم بالعربية:</translation>
    </message>
    <message>
        <source>Applies to:</source>
        <translation>ينطبق على:</translation>
    </message>
    <message>
        <source>Choose a CSV thesaurus</source>
        <translation>اختر مكنز مصطلحات بصيغة CSV</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>ملفات CSV (*.csv)</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>جميع الملفات (*)</translation>
    </message>
    <message>
        <source>Choose the CSV file.</source>
        <translation>اختر ملف CSV.</translation>
    </message>
    <message>
        <source>Give the scheme a code (lower-case letters, digits and hyphens), e.g. checkpoint.</source>
        <translation>أعطِ المخطط رمزًا (أحرف لاتينية صغيرة وأرقام وشَرطات)، مثلًا: checkpoint.</translation>
    </message>
    <message>
        <source>Give the scheme an English name.</source>
        <translation>أعطِ المخطط اسمًا بالإنجليزية.</translation>
    </message>
    <message>
        <source>Tick at least one kind of record the scheme applies to.</source>
        <translation>حدِّد نوعًا واحدًا على الأقل من السجلات التي ينطبق عليها المخطط.</translation>
    </message>
</context>
<context>
    <name>StatementDialog</name>
    <message>
        <source>Not given</source>
        <translation>غير محدد</translation>
    </message>
    <message>
        <source>e.g. Arabic (Syrian coast)</source>
        <translation>مثلًا: العربية (لهجة الساحل السوري)</translation>
    </message>
    <message>
        <source>Not graded</source>
        <translation>غير مُقيَّمة</translation>
    </message>
    <message>
        <source>Source:</source>
        <translation>المصدر:</translation>
    </message>
    <message>
        <source>Connection:</source>
        <translation>الصلة بالوقائع:</translation>
    </message>
    <message>
        <source>Date:</source>
        <translation>التاريخ:</translation>
    </message>
    <message>
        <source>Interviewer:</source>
        <translation>أجرى المقابلة:</translation>
    </message>
    <message>
        <source>Language:</source>
        <translation>اللغة:</translation>
    </message>
    <message>
        <source>Reliability (A–F):</source>
        <translation>موثوقية المصدر (⁦A–F⁩):</translation>
    </message>
    <message>
        <source>Credibility (1–6):</source>
        <translation>مصداقية المعلومة (⁦1–6⁩):</translation>
    </message>
    <message>
        <source>Tags:</source>
        <translation>الوسوم:</translation>
    </message>
    <message>
        <source>Statement:</source>
        <translation>الإفادة:</translation>
    </message>
</context>
<context>
    <name>StatementsPanel</name>
    <message>
        <source>Add statement…</source>
        <translation>إضافة إفادة…</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>المصدر</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>التاريخ</translation>
    </message>
    <message>
        <source>Connection</source>
        <translation>الصلة بالوقائع</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>النص</translation>
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
    <name>StringListEdit</name>
    <message>
        <source>Another spelling</source>
        <translation>طريقة كتابة أخرى</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>إضافة</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>إزالة</translation>
    </message>
</context>
<context>
    <name>TagChip</name>
    <message>
        <source>Remove the tag {label}</source>
        <extracomment>The widest a row of chips asks to be; wider rows wrap.</extracomment>
        <translation>إزالة الوسم {label}</translation>
    </message>
    <message>
        <source>Remove this tag</source>
        <translation>إزالة هذا الوسم</translation>
    </message>
</context>
<context>
    <name>TagChips</name>
    <message>
        <source>Add tag…</source>
        <translation>إضافة وسم…</translation>
    </message>
    <message>
        <source>Choose tags</source>
        <translation>اختيار الوسوم</translation>
    </message>
</context>
<context>
    <name>TaxonomyPage</name>
    <message>
        <source>Taxonomy</source>
        <extracomment>The installed taxonomy or a scheme changed (pickers may reload their terms).</extracomment>
        <translation>التصنيف</translation>
    </message>
    <message>
        <source>Search terms in English or Arabic, or by code</source>
        <translation>ابحث في المصطلحات بالإنجليزية أو العربية، أو بالرمز</translation>
    </message>
    <message>
        <source>Show removed terms</source>
        <translation>إظهار المصطلحات المُزالة</translation>
    </message>
    <message>
        <source>Import update…</source>
        <translation>استيراد تحديث…</translation>
    </message>
    <message>
        <source>Add scheme from CSV…</source>
        <translation>إضافة مخطط من ملف CSV…</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>تصدير…</translation>
    </message>
    <message>
        <source>Whole taxonomy (JSON)…</source>
        <translation>التصنيف كاملًا (JSON)…</translation>
    </message>
    <message>
        <source>Selected scheme as Uwazi CSV…</source>
        <translation>المخطط المحدد كملف CSV بتنسيق Uwazi…</translation>
    </message>
    <message>
        <source>Selected scheme as plain CSV…</source>
        <translation>المخطط المحدد كملف CSV بالتنسيق البسيط…</translation>
    </message>
    <message>
        <source>No shared taxonomy installed</source>
        <translation>لا يوجد تصنيف مشترك مثبَّت</translation>
    </message>
    <message>
        <source>Taxonomy {id}, version {version}</source>
        <translation>التصنيف {id}، الإصدار {version}</translation>
    </message>
    <message>
        <source>Choose a taxonomy file</source>
        <translation>اختر ملف تصنيف</translation>
    </message>
    <message>
        <source>Taxonomy files (*.json)</source>
        <translation>ملفات التصنيف (*.json)</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>جميع الملفات (*)</translation>
    </message>
    <message>
        <source>The taxonomy was updated to version {version}.</source>
        <translation>حُدِّث التصنيف إلى الإصدار {version}.</translation>
    </message>
    <message>
        <source>1 record now uses the suggested replacements.</source>
        <translation>أصبح سجل واحد يستخدم البدائل المقترحة.</translation>
    </message>
    <message>
        <source>{count} records now use the suggested replacements.</source>
        <translation>عدد السجلات التي أصبحت تستخدم البدائل المقترحة: {count}.</translation>
    </message>
    <message>
        <source>Scheme {code} already has exactly these terms; nothing was changed.</source>
        <translation>في المخطط {code} هذه المصطلحات نفسها تمامًا؛ لم يُغيَّر شيء.</translation>
    </message>
    <message>
        <source>Scheme {code} was added with {count} terms.</source>
        <translation>أُضيف المخطط {code} (عدد المصطلحات: {count}).</translation>
    </message>
    <message>
        <source>Scheme {code} was updated from the CSV file.</source>
        <translation>حُدِّث المخطط {code} من ملف CSV.</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>ملفات CSV (*.csv)</translation>
    </message>
    <message>
        <source>Export to</source>
        <translation>التصدير إلى</translation>
    </message>
    <message>
        <source>Exported to {path}.</source>
        <translation>تم التصدير إلى {path}.</translation>
    </message>
</context>
<context>
    <name>TaxonomyPickerDialog</name>
    <message>
        <source>Choose a term</source>
        <translation>اختيار مصطلح</translation>
    </message>
    <message>
        <source>Choose tags</source>
        <translation>اختيار الوسوم</translation>
    </message>
    <message>
        <source>Type to find a term, in Arabic or English, or its code</source>
        <translation>اكتب للبحث عن مصطلح بالعربية أو الإنجليزية، أو برمزه</translation>
    </message>
    <message>
        <source>Down: to the list · Enter: choose this term · Esc: cancel</source>
        <translation>السهم السفلي: إلى القائمة · Enter: اختيار هذا المصطلح · Esc: إلغاء</translation>
    </message>
    <message>
        <source>Down: to the list · Space: tick or untick · Enter: done · Esc: cancel</source>
        <translation>السهم السفلي: إلى القائمة · Space: تحديد أو إلغاء التحديد · Enter: إنهاء · Esc: إلغاء</translation>
    </message>
    <message>
        <source>Choose</source>
        <translation>اختيار</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>تم</translation>
    </message>
    <message>
        <source>No term matches “{text}”.</source>
        <translation>لا يوجد مصطلح يطابق «{text}».</translation>
    </message>
    <message>
        <source>{count} terms</source>
        <translation>عدد المصطلحات: {count}</translation>
    </message>
    <message>
        <source>Legal reference:</source>
        <translation>المرجع القانوني:</translation>
    </message>
    <message>
        <source>Status:</source>
        <translation>الحالة:</translation>
    </message>
</context>
<context>
    <name>TaxonomyTreeModel</name>
    <message>
        <source>Label</source>
        <translation>التسمية</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>الرمز</translation>
    </message>
    <message>
        <source>Incidents</source>
        <translation>الحوادث</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>الحالة</translation>
    </message>
    <message>
        <source>Deprecated: use {term}</source>
        <translation>متقادم: استخدم {term}</translation>
    </message>
    <message>
        <source>Deprecated</source>
        <translation>متقادم</translation>
    </message>
    <message>
        <source>Removed</source>
        <translation>مُزال</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>فعّال</translation>
    </message>
    <message>
        <source>Added from CSV</source>
        <translation>مُضاف من ملف CSV</translation>
    </message>
</context>
<context>
    <name>TaxonomyUpdateDialog</name>
    <message>
        <source>Update the taxonomy</source>
        <extracomment>Records carrying each code the update touches, and each deprecated code. Labels of terms of the vault and the file, to name replacements. Applying failed part-way (the update may be installed without the remap).</extracomment>
        <translation>تحديث التصنيف</translation>
    </message>
    <message>
        <source>File: {name}</source>
        <translation>الملف: {name}</translation>
    </message>
    <message>
        <source>Reading the file…</source>
        <translation>جارٍ قراءة الملف…</translation>
    </message>
    <message>
        <source>Apply update</source>
        <translation>تطبيق التحديث</translation>
    </message>
    <message>
        <source>Term</source>
        <translation>المصطلح</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>الرمز</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>التغيير</translation>
    </message>
    <message>
        <source>Records</source>
        <translation>السجلات</translation>
    </message>
    <message>
        <source>Replace deprecated terms on records with their suggested replacements</source>
        <translation>استبدال المصطلحات المتقادمة في السجلات ببدائلها المقترحة</translation>
    </message>
    <message>
        <source>Every record keeps its tags. Deprecated and removed terms stay on the records that carry them, and are no longer offered for new tags.</source>
        <translation>يحتفظ كل سجل بوسومه. تبقى المصطلحات المتقادمة والمُزالة على السجلات التي تحملها، ولا تُعرض بعد ذلك عند إضافة وسوم جديدة.</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>إغلاق</translation>
    </message>
    <message>
        <source>This vault already has version {version} of taxonomy {id}. There is nothing to update.</source>
        <translation>في هذه الخزنة الإصدار {version} من التصنيف {id} بالفعل. لا يوجد ما يُحدَّث.</translation>
    </message>
    <message>
        <source>This vault has no shared taxonomy yet. Version {version} of {id} would be installed.</source>
        <translation>لا يوجد في هذه الخزنة تصنيف مشترك بعد. سيُثبَّت الإصدار {version} من {id}.</translation>
    </message>
    <message>
        <source>Taxonomy {id}: from version {old} to version {new}.</source>
        <translation>التصنيف {id}: من الإصدار {old} إلى الإصدار {new}.</translation>
    </message>
    <message>
        <source>1 record carries a deprecated term. Without this option it keeps it; with it, the record gets the replacement (a new version, with history).</source>
        <translation>يحمل سجل واحد مصطلحًا متقادمًا. من دون هذا الخيار يحتفظ به؛ ومعه يحصل السجل على البديل (في إصدار جديد، مع الاحتفاظ بالسجل التاريخي).</translation>
    </message>
    <message>
        <source>{count} records carry a deprecated term. Without this option they keep it; with it, each gets the replacement (a new version of the record, with history).</source>
        <translation>عدد السجلات التي تحمل مصطلحًا متقادمًا: {count}. من دون هذا الخيار تحتفظ به؛ ومعه يحصل كل سجل منها على البديل (في إصدار جديد من السجل، مع الاحتفاظ بالسجل التاريخي).</translation>
    </message>
    <message>
        <source>Added ({count})</source>
        <translation>أُضيفت ({count})</translation>
    </message>
    <message>
        <source>Relabelled ({count})</source>
        <translation>تغيّرت تسميتها ({count})</translation>
    </message>
    <message>
        <source>Moved ({count})</source>
        <translation>نُقلت ({count})</translation>
    </message>
    <message>
        <source>Deprecated ({count})</source>
        <translation>أصبحت متقادمة ({count})</translation>
    </message>
    <message>
        <source>Reactivated ({count})</source>
        <translation>أُعيد تفعيلها ({count})</translation>
    </message>
    <message>
        <source>Removed ({count})</source>
        <translation>أُزيلت ({count})</translation>
    </message>
    <message>
        <source>New schemes: {codes}</source>
        <translation>مخططات جديدة: {codes}</translation>
    </message>
    <message>
        <source>The terms are the same; only the version number changes.</source>
        <translation>المصطلحات هي نفسها؛ يتغيّر رقم الإصدار فقط.</translation>
    </message>
    <message>
        <source>{old} → {new}</source>
        <translation>{old} ← {new}</translation>
    </message>
    <message>
        <source>Definition or other labels changed</source>
        <translation>تغيّر التعريف أو تسميات أخرى</translation>
    </message>
    <message>
        <source>Now at the top of its scheme</source>
        <translation>أصبح الآن في المستوى الأعلى من مخططه</translation>
    </message>
    <message>
        <source>Now under {term}</source>
        <translation>أصبح الآن تحت {term}</translation>
    </message>
    <message>
        <source>Use {term} ({code})</source>
        <translation>استخدم {term} ({code})</translation>
    </message>
    <message>
        <source>No replacement given</source>
        <translation>لم يُحدَّد بديل</translation>
    </message>
    <message>
        <source>Kept on records as a removed term</source>
        <translation>يبقى على السجلات بوصفه مصطلحًا مُزالًا</translation>
    </message>
    <message>
        <source>No records</source>
        <translation>لا توجد سجلات</translation>
    </message>
    <message>
        <source>1 record keeps this term</source>
        <translation>يحتفظ سجل واحد بهذا المصطلح</translation>
    </message>
    <message>
        <source>{count} records keep this term</source>
        <translation>عدد السجلات التي تحتفظ بهذا المصطلح: {count}</translation>
    </message>
    <message>
        <source>1 record</source>
        <translation>سجل واحد</translation>
    </message>
    <message>
        <source>{count} records</source>
        <translation>عدد السجلات: {count}</translation>
    </message>
    <message>
        <source>Applying the update…</source>
        <translation>جارٍ تطبيق التحديث…</translation>
    </message>
</context>
<context>
    <name>TermDetails</name>
    <message>
        <source>Code:</source>
        <extracomment>Exports are meant to be shared (they hold no case data).</extracomment>
        <translation>الرمز:</translation>
    </message>
    <message>
        <source>English:</source>
        <translation>بالإنجليزية:</translation>
    </message>
    <message>
        <source>Arabic:</source>
        <translation>بالعربية:</translation>
    </message>
    <message>
        <source>Definition:</source>
        <translation>التعريف:</translation>
    </message>
    <message>
        <source>Definition (Arabic):</source>
        <translation>التعريف (بالعربية):</translation>
    </message>
    <message>
        <source>Legal reference:</source>
        <translation>المرجع القانوني:</translation>
    </message>
    <message>
        <source>Status:</source>
        <translation>الحالة:</translation>
    </message>
    <message>
        <source>Applies to:</source>
        <translation>ينطبق على:</translation>
    </message>
    <message>
        <source>Incidents:</source>
        <translation>الحوادث:</translation>
    </message>
    <message>
        <source>Records tagged:</source>
        <translation>السجلات الموسومة به:</translation>
    </message>
    <message>
        <source>Choose a scheme or a term to see what it means.</source>
        <translation>اختر مخططًا أو مصطلحًا لترى معناه.</translation>
    </message>
    <message>
        <source>Added from a CSV file</source>
        <translation>مُضاف من ملف CSV</translation>
    </message>
    <message>
        <source>Deprecated: use {term} ({code})</source>
        <translation>متقادم: استخدم {term} ({code})</translation>
    </message>
    <message>
        <source>Removed: no longer in the taxonomy file; records tagged with it keep it.</source>
        <translation>مُزال: لم يعد موجودًا في ملف التصنيف؛ وتحتفظ به السجلات الموسومة به.</translation>
    </message>
    <message>
        <source>{total} (with narrower terms), {direct} with this term itself</source>
        <translation>{total} (مع المصطلحات الأضيق)، منها {direct} بهذا المصطلح نفسه</translation>
    </message>
    <message>
        <source>1 record carries this term</source>
        <translation>سجل واحد يحمل هذا المصطلح</translation>
    </message>
    <message>
        <source>{count} records carry this term</source>
        <translation>عدد السجلات التي تحمل هذا المصطلح: {count}</translation>
    </message>
</context>
<context>
    <name>TermField</name>
    <message>
        <source>Not chosen</source>
        <translation>لم يُختر</translation>
    </message>
</context>
<context>
    <name>TermTreeModel</name>
    <message>
        <source>Term</source>
        <translation>المصطلح</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>الرمز</translation>
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
    <name>UnsavedQuestion</name>
    <message>
        <source>Unsaved changes</source>
        <translation>تغييرات غير محفوظة</translation>
    </message>
    <message>
        <source>If you discard them, the changes are lost.</source>
        <translation>إذا تجاهلتها فستضيع التغييرات.</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>حفظ</translation>
    </message>
    <message>
        <source>Discard</source>
        <translation>تجاهل</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>إلغاء</translation>
    </message>
</context>
<context>
    <name>ValidationText</name>
    <message>
        <source>This cannot be empty.</source>
        <translation>لا يمكن ترك هذا الحقل فارغًا.</translation>
    </message>
    <message>
        <source>Not a date. Write it as YYYY-MM-DD, YYYY-MM or YYYY.</source>
        <translation>ليس تاريخًا. اكتبه بالشكل YYYY-MM-DD أو YYYY-MM أو YYYY.</translation>
    </message>
    <message>
        <source>The end date is before the start date.</source>
        <translation>تاريخ النهاية يسبق تاريخ البداية.</translation>
    </message>
    <message>
        <source>Enter a name or name parts (write “unknown” if the name is not known).</source>
        <translation>أدخل اسمًا أو أجزاء من الاسم (اكتب «مجهول» إذا لم يكن الاسم معروفًا).</translation>
    </message>
    <message>
        <source>Give the size of the group (an estimate is fine).</source>
        <translation>أدخل حجم المجموعة (يكفي التقدير).</translation>
    </message>
    <message>
        <source>This number is out of range.</source>
        <translation>هذا الرقم خارج النطاق المسموح.</translation>
    </message>
    <message>
        <source>Choose either a person or a unit as the perpetrator.</source>
        <translation>اختر شخصًا أو وحدة جانيًا، لا كليهما.</translation>
    </message>
    <message>
        <source>This text is too long.</source>
        <translation>هذا النص طويل جدًا.</translation>
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
    <name>VerifyContactDialog</name>
    <message>
        <source>Verify {name}</source>
        <translation>التحقّق من {name}</translation>
    </message>
    <message>
        <source>Is this really {name}&apos;s card?</source>
        <translation>هل هذه حقًا بطاقة {name}؟</translation>
    </message>
    <message>
        <source>Meet {name} in person. Ask them to open Packages ▸ Contacts ▸ My fingerprint… on their own computer, and compare the six groups of digits below with the ones on their screen, group by group. The QR codes must look the same too.</source>
        <translation>قابل {name} وجهًا لوجه. اطلب منه أن يفتح الحزم ▸ جهات الاتصال ▸ بصمتي… على حاسوبه، وقارن المجموعات الست من الأرقام أدناه بما يظهر على شاشته، مجموعةً مجموعة. ويجب أن تبدو رموز QR متطابقة أيضًا.</translation>
    </message>
    <message>
        <source>Do not compare over a message, an e-mail or a call: whoever could swap the card could swap those too. If a single digit differs, do not use this card: get it again from them in person.</source>
        <translation>لا تُجرِ المقارنة عبر رسالة أو بريد إلكتروني أو مكالمة: فمن يستطيع تبديل البطاقة يستطيع تبديل هذه أيضًا. إذا اختلف رقم واحد فلا تستخدم هذه البطاقة: احصل عليها منه مجددًا وجهًا لوجه.</translation>
    </message>
    <message>
        <source>They &amp;match</source>
        <translation>&amp;متطابقة</translation>
    </message>
    <message>
        <source>They &amp;differ</source>
        <translation>مخ&amp;تلفة</translation>
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
<context>
    <name>Workspace</name>
    <message>
        <source>Incidents</source>
        <extracomment>Pages (tabs that are not editors) the workspace opens once each. Audit actions after which the review queue may have changed.</extracomment>
        <translation>الحوادث</translation>
    </message>
    <message>
        <source>Taxonomy</source>
        <translation>التصنيف</translation>
    </message>
    <message>
        <source>Review queue</source>
        <translation>قائمة المراجعة</translation>
    </message>
    <message>
        <source>Audit trail</source>
        <translation>سجل التدقيق</translation>
    </message>
</context>
</TS>
