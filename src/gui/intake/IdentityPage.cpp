#include "intake/IdentityPage.h"

#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>

namespace pathway {

IdentityPage::IdentityPage(QWidget *parent) : ProfilePage(parent)
{
    setTitle(tr("Identity and contact"));
    setSubTitle(tr("Who the client is and how to reach them. Email and phone are optional."));

    auto make = [this](const QString &name, const QString &accessible) {
        auto *edit = new QLineEdit(this);
        edit->setObjectName(name + QStringLiteral("LineEdit"));
        edit->setAccessibleName(accessible);
        connect(edit, &QLineEdit::textEdited, this, &IdentityPage::markEdited);
        return edit;
    };
    m_firstName = make(QStringLiteral("firstName"), tr("First name"));
    m_lastName = make(QStringLiteral("lastName"), tr("Last name"));
    m_dateOfBirth = make(QStringLiteral("dateOfBirth"), tr("Date of birth"));
    m_dateOfBirth->setPlaceholderText(tr("YYYY-MM-DD, e.g. 1984-03-27"));
    m_email = make(QStringLiteral("email"), tr("Email"));
    m_email->setPlaceholderText(tr("name@example.org"));
    m_phone = make(QStringLiteral("phone"), tr("Phone"));
    m_phone->setPlaceholderText(tr("+1 555 010 0199"));
    m_address = new QPlainTextEdit(this);
    m_address->setObjectName(QStringLiteral("addressPlainTextEdit"));
    m_address->setAccessibleName(tr("Address"));
    m_address->setTabChangesFocus(true);
    m_address->setFixedHeight(m_address->fontMetrics().lineSpacing() * 3 + 12);
    m_address->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    connect(m_address, &QPlainTextEdit::textChanged, this, &IdentityPage::markEdited);
    m_counselor = new QComboBox(this);
    m_counselor->setObjectName(QStringLiteral("counselorComboBox"));
    m_counselor->setAccessibleName(tr("Counselor"));
    m_counselor->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    connect(m_counselor, &QComboBox::currentIndexChanged, this, &IdentityPage::markEdited);

    auto *form = new QFormLayout(this);
    form->setFieldGrowthPolicy(QFormLayout::ExpandingFieldsGrow);
    struct Row
    {
        QString label;
        QWidget *field;
        QString key;
        QString prefix;
        QString name;
    };
    const Row rows[] = {
        {tr("&First name:"), m_firstName, QStringLiteral("first_name"), QStringLiteral("firstName"),
         tr("First name")},
        {tr("&Last name:"), m_lastName, QStringLiteral("last_name"), QStringLiteral("lastName"),
         tr("Last name")},
        {tr("Date of &birth:"), m_dateOfBirth, QStringLiteral("date_of_birth"),
         QStringLiteral("dateOfBirth"), tr("Date of birth")},
        {tr("&Email:"), m_email, QStringLiteral("email"), QStringLiteral("email"), tr("Email")},
        {tr("&Phone:"), m_phone, QStringLiteral("phone"), QStringLiteral("phone"), tr("Phone")},
        {tr("&Address:"), m_address, QStringLiteral("address"), QStringLiteral("address"),
         tr("Address")},
        {tr("C&ounselor:"), m_counselor, QStringLiteral("counselor"), QStringLiteral("counselor"),
         tr("Counselor")},
    };
    for (const Row &row : rows) {
        auto *label = new QLabel(row.label, this);
        label->setBuddy(row.field);
        QWidget *field = row.field;
        if (field == m_counselor) { // a combo box keeps its own width, left-aligned
            field = new QWidget(this);
            auto *line = new QHBoxLayout(field);
            line->setContentsMargins(0, 0, 0, 0);
            line->addWidget(m_counselor);
            line->addStretch(1);
        }
        form->addRow(label, withError(field, errorLabel(row.key, row.prefix, row.name), row.field));
    }
    setTabOrder({m_firstName, m_lastName, m_dateOfBirth, m_email, m_phone, m_address, m_counselor});
}

QVector<FieldError> IdentityPage::inputErrors() const
{
    // A date written wrongly is not "missing": say what is wrong with it.
    const QString dob = m_dateOfBirth->text();
    if (dob.trimmed().isEmpty())
        return {};
    const auto parsed = parseDate(dob);
    if (parsed)
        return {};
    return {{QStringLiteral("date_of_birth"), parsed.error().message}};
}

void IdentityPage::setCounselors(const QVector<User> &counselors, bool fixed)
{
    const bool loading = m_loading;
    m_loading = true;
    m_hasCounselorList = true;
    m_counselor->clear();
    if (!fixed)
        m_counselor->addItem(tr("Choose a counselor"), QString());
    for (const User &u : counselors)
        m_counselor->addItem(u.displayName.isEmpty() || u.displayName == u.username
                                 ? u.username
                                 : tr("%1 (%2)").arg(u.displayName, u.username),
                             u.username);
    m_counselor->setEnabled(!fixed);
    m_counselor->setToolTip(fixed ? tr("Clients you take in are assigned to you") : QString());
    m_loading = loading;
}

void IdentityPage::setUserLabels(std::function<QString(const QString &)> label)
{
    m_userLabel = std::move(label);
}

void IdentityPage::loadFields(const Client &c)
{
    m_firstName->setText(c.firstName);
    m_lastName->setText(c.lastName);
    m_dateOfBirth->setText(c.dateOfBirth.isValid() ? c.dateOfBirth.toString(Qt::ISODate)
                                                   : QString());
    m_email->setText(c.email);
    m_phone->setText(c.phone);
    m_address->setPlainText(c.address);
    if (!m_hasCounselorList) {
        m_counselor->clear();
        m_counselor->addItem(c.counselor.isEmpty() ? tr("(none)")
                             : m_userLabel         ? m_userLabel(c.counselor)
                                                   : c.counselor,
                             c.counselor);
        m_counselor->setEnabled(false);
        m_counselor->setToolTip(
            tr("A supervisor gives a client to another counselor (Supervisor > Reassign Clients)"));
        return;
    }
    int index = m_counselor->findData(c.counselor);
    if (index < 0 && !c.counselor.isEmpty() && m_counselor->isEnabled()) {
        // A draft for a counselor no longer offered (deactivated): shown, so
        // that it is seen and changed; storage refuses it if it stays.
        m_counselor->addItem(c.counselor, c.counselor);
        index = m_counselor->count() - 1;
    }
    m_counselor->setCurrentIndex(qMax(0, index));
}

void IdentityPage::store(Client &c) const
{
    c.firstName = m_firstName->text().trimmed();
    c.lastName = m_lastName->text().trimmed();
    const auto dob = parseDate(m_dateOfBirth->text());
    c.dateOfBirth = dob ? dob.value() : QDate();
    c.email = m_email->text().trimmed();
    c.phone = m_phone->text().trimmed();
    c.address = m_address->toPlainText().trimmed();
    c.counselor = m_counselor->currentData().toString();
}

} // namespace pathway
