#include "account/AgencySettingsDialog.h"

#include "ErrorDialog.h"
#include "ErrorLabel.h"
#include "Settings.h"
#include "pathway/core/RuleBase.h"
#include "pathway/report/ReportSettings.h"
#include "pathway/storage/Access.h"
#include "pathway/storage/AuditLog.h"
#include "pathway/storage/Backup.h"
#include "pathway/storage/Database.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QImageReader>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QVBoxLayout>

namespace pathway {

AgencySettingsDialog::AgencySettingsDialog(Database &db, QWidget *parent)
    : QDialog(parent), m_db(db)
{
    setObjectName(QStringLiteral("agencySettingsDialog"));
    setWindowTitle(tr("Agency settings"));

    auto *intro = new QLabel(tr("These settings apply to everyone who uses Pathway on this "
                                "computer."),
                             this);
    intro->setWordWrap(true);

    m_agencyName = new QLineEdit(this);
    m_agencyName->setObjectName(QStringLiteral("agencyNameLineEdit"));
    m_agencyName->setPlaceholderText(tr("Printed at the top of every plan"));
    m_logo = new QLineEdit(this);
    m_logo->setObjectName(QStringLiteral("logoLineEdit"));
    m_logo->setPlaceholderText(tr("No logo"));
    m_pageSize = new QComboBox(this);
    m_pageSize->setObjectName(QStringLiteral("pageSizeComboBox"));
    m_pageSize->addItem(tr("A4"), paperSizeName(PaperSize::A4));
    m_pageSize->addItem(tr("Letter"), paperSizeName(PaperSize::Letter));
    m_idleLock = new QSpinBox(this);
    m_idleLock->setObjectName(QStringLiteral("idleLockSpinBox"));
    m_idleLock->setRange(0, Settings::kMaxIdleLockMinutes);
    m_idleLock->setSuffix(tr(" minutes"));
    m_idleLock->setSpecialValueText(tr("Never"));
    m_noContact = new QSpinBox(this);
    m_noContact->setObjectName(QStringLiteral("noContactSpinBox"));
    m_noContact->setRange(1, Settings::kMaxNoContactDays);
    m_noContact->setSuffix(tr(" days"));
    m_rules = new QLineEdit(this);
    m_rules->setObjectName(QStringLiteral("rulesFileLineEdit"));
    m_rules->setPlaceholderText(tr("The built-in rules"));
    m_backupDays = new QSpinBox(this);
    m_backupDays->setObjectName(QStringLiteral("backupKeepDaysSpinBox"));
    m_backupDays->setRange(0, Settings::kMaxBackupKeepDays);
    m_backupDays->setSuffix(tr(" days"));
    m_backupDays->setSpecialValueText(tr("No automatic backups"));
    m_backupFolder = new QLineEdit(this);
    m_backupFolder->setObjectName(QStringLiteral("backupFolderLineEdit"));
    m_backupFolder->setPlaceholderText(backup::defaultFolder(m_db.path()));

    const Settings settings;
    auto report = ReportSettings::load();
    const ReportSettings current = report ? report.value() : ReportSettings{};
    m_agencyName->setText(current.agencyName);
    m_logo->setText(current.logoPath);
    m_pageSize->setCurrentIndex(m_pageSize->findData(
        paperSizeName(report ? current.paperSize : ReportSettings::defaultPaperSize())));
    m_idleLock->setValue(settings.idleLockMinutes());
    m_noContact->setValue(settings.noContactDays());
    m_rules->setText(settings.rulesFile());
    m_backupDays->setValue(settings.backupKeepDays());
    m_backupFolder->setText(settings.backupFolderSetting());

    auto withBrowse = [this](QLineEdit *edit, const QString &name, const QString &title,
                             const QString &filter) {
        auto *row = new QHBoxLayout;
        row->addWidget(edit, 1);
        auto *button = new QPushButton(tr("Browse…"), this);
        button->setObjectName(name);
        button->setAutoDefault(false);
        connect(button, &QPushButton::clicked, this,
                [this, edit, title, filter] { browse(edit, title, filter); });
        row->addWidget(button);
        return row;
    };
    auto *form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::ExpandingFieldsGrow);
    auto addRow = [&](const QString &label, QWidget *buddy, auto field) {
        auto *l = new QLabel(label, this);
        l->setBuddy(buddy);
        form->addRow(l, field);
    };
    auto hint = [&](const QString &text) {
        auto *l = new QLabel(text, this);
        l->setWordWrap(true);
        l->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
        QFont small = l->font();
        small.setPointSizeF(small.pointSizeF() * 0.9);
        l->setFont(small);
        form->addRow(QString(), l);
    };
    addRow(tr("Agency &name:"), m_agencyName, m_agencyName);
    addRow(tr("&Logo:"), m_logo,
           withBrowse(m_logo, QStringLiteral("browseLogoPushButton"), tr("Choose the logo"),
                      tr("Images (*.png *.jpg *.jpeg *.svg)")));
    addRow(tr("&Paper size:"), m_pageSize, m_pageSize);
    addRow(tr("&Idle lock after:"), m_idleLock, m_idleLock);
    hint(tr("Without keyboard or mouse use for this long, Pathway hides clients' details until "
            "the user types the password again."));
    addRow(tr("No &contact after:"), m_noContact, m_noContact);
    hint(tr("The supervisor's dashboard lists active clients without a case note for this "
            "long."));
    addRow(tr("&Rule file:"), m_rules,
           withBrowse(m_rules, QStringLiteral("browseRulesPushButton"), tr("Choose the rule file"),
                      tr("Rule files (*.json)")));
    hint(tr("A changed rule file is used from the next start of Pathway."));
    addRow(tr("&Backup folder:"), m_backupFolder, m_backupFolder);
    addRow(tr("&Keep automatic backups:"), m_backupDays, m_backupDays);
    hint(tr("Pathway backs the database up into this folder when it closes, and deletes its "
            "own backups older than this. Backups made with File > Back Up Database are "
            "never deleted."));

    m_error = new ErrorLabel(QStringLiteral("errorLabel"), this);
    if (!report) // a bad page size in the settings file: shown, and the default offered
        showError(report.error().message);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Save)->setObjectName(QStringLiteral("savePushButton"));
    buttons->button(QDialogButtonBox::Cancel)->setObjectName(QStringLiteral("cancelPushButton"));
    connect(buttons, &QDialogButtonBox::accepted, this, &AgencySettingsDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(form);
    layout->addWidget(m_error);
    layout->addStretch(1);
    layout->addWidget(buttons);
    setMinimumWidth(600);
}

QString AgencySettingsDialog::errorText() const
{
    return m_error->message();
}

void AgencySettingsDialog::showError(const QString &message)
{
    m_error->showMessage(message);
}

void AgencySettingsDialog::browse(QLineEdit *edit, const QString &title, const QString &filter)
{
    const QString start = edit->text().isEmpty() ? QString() : QFileInfo(edit->text()).path();
    const QString chosen = QFileDialog::getOpenFileName(this, title, start, filter);
    if (!chosen.isEmpty())
        edit->setText(chosen);
}

void AgencySettingsDialog::accept()
{
    // Settings live on this computer, not in the database, so the check that
    // storage makes for its own data is made here.
    if (const Status allowed = access::requireAdmin(m_db, tr("change the agency settings"));
        !allowed) {
        ErrorDialog::show(this, tr("save the agency settings"), allowed.error());
        return;
    }
    ReportSettings report;
    report.agencyName = m_agencyName->text().trimmed();
    report.logoPath = m_logo->text().trimmed();
    report.paperSize =
        paperSizeFromName(m_pageSize->currentData().toString()).value_or(PaperSize::A4);
    if (!report.logoPath.isEmpty()) {
        QImageReader reader(report.logoPath);
        if (!QFileInfo(report.logoPath).isFile() || !reader.canRead()) {
            showError(tr("The logo %1 cannot be used: %2. Choose a PNG, JPEG or SVG file, or "
                         "leave the field empty.")
                          .arg(report.logoPath, QFileInfo(report.logoPath).isFile()
                                                    ? reader.errorString()
                                                    : tr("there is no such file")));
            m_logo->setFocus();
            return;
        }
    }
    const QString rules = m_rules->text().trimmed();
    if (!rules.isEmpty()) {
        if (auto loaded = RuleBase::fromFile(rules); !loaded) {
            showError(tr("The rule file cannot be used: %1").arg(loaded.error().message));
            m_rules->setFocus();
            return;
        }
    }

    // What changed, by name only, for the audit trail.
    Settings settings;
    const auto before = ReportSettings::load();
    QStringList changed;
    if (!before || before->agencyName != report.agencyName)
        changed << QStringLiteral("agency name");
    if (!before || before->logoPath != report.logoPath)
        changed << QStringLiteral("logo");
    if (!before || before->paperSize != report.paperSize)
        changed << QStringLiteral("paper size");
    if (settings.idleLockMinutes() != m_idleLock->value())
        changed << QStringLiteral("idle lock");
    if (settings.noContactDays() != m_noContact->value())
        changed << QStringLiteral("no contact days");
    if (settings.rulesFile() != rules)
        changed << QStringLiteral("rule file");
    const QString backupFolder = m_backupFolder->text().trimmed();
    if (settings.backupFolderSetting() != backupFolder)
        changed << QStringLiteral("backup folder");
    if (settings.backupKeepDays() != m_backupDays->value())
        changed << QStringLiteral("automatic backup days");

    QSettings qsettings;
    report.save(qsettings);
    settings.setIdleLockMinutes(m_idleLock->value());
    settings.setNoContactDays(m_noContact->value());
    settings.setRulesFile(rules);
    settings.setBackupFolder(backupFolder);
    settings.setBackupKeepDays(m_backupDays->value());
    if (!changed.isEmpty()) {
        if (const Status recorded =
                audit::record(m_db, AuditAction::Update, QStringLiteral("settings"), 0,
                              changed.join(QStringLiteral(", ")));
            !recorded)
            ErrorDialog::show(this, tr("record the change in the audit trail"), recorded.error());
    }
    showError(QString());
    Q_EMIT saved();
    QDialog::accept();
}

} // namespace pathway
