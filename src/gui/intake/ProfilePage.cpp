#include "intake/ProfilePage.h"

#include <QLabel>
#include <QVBoxLayout>

namespace pathway {

void ProfilePage::load(const Client &client)
{
    m_loading = true;
    loadFields(client);
    m_loading = false;
}

QWidget *ProfilePage::withError(QWidget *field, QLabel *error)
{
    auto *box = new QWidget;
    auto *layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(field);
    layout->addWidget(error);
    // Rows keep their natural height; spare room goes below the form.
    box->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Maximum);
    return box;
}

void ProfilePage::markEdited()
{
    if (m_loading)
        return;
    m_edited = true;
    Q_EMIT edited();
}

bool ProfilePage::concerns(const FieldError &error, const QString &field)
{
    return error.field == field || error.field.startsWith(field + QLatin1Char('[')) ||
           error.field.startsWith(field + QLatin1Char('.'));
}

QString ProfilePage::describe(const FieldError &error) const
{
    for (auto it = m_names.cbegin(); it != m_names.cend(); ++it) {
        if (concerns(error, it.key()))
            return it.value() + QLatin1Char(' ') + error.message;
    }
    return {};
}

QStringList ProfilePage::describeAll(const QVector<ProfilePage *> &pages,
                                     const QVector<FieldError> &errors)
{
    QStringList out;
    for (const FieldError &e : errors) {
        QString text;
        for (const ProfilePage *page : pages) {
            text = page->describe(e);
            if (!text.isEmpty())
                break;
        }
        out << (text.isEmpty() ? e.field + QLatin1Char(' ') + e.message : text);
    }
    return out;
}

QLabel *ProfilePage::errorLabel(const QString &field, const QString &objectPrefix,
                                const QString &name)
{
    m_names.insert(field, name);
    auto *label = new QLabel(this);
    label->setObjectName(objectPrefix + QStringLiteral("ErrorLabel"));
    label->setWordWrap(true);
    label->setStyleSheet(QStringLiteral("color: #b00020;"));
    label->setVisible(false);
    m_errorLabels.insert(field, label);
    return label;
}

void ProfilePage::showErrors(const QVector<FieldError> &errors)
{
    for (auto it = m_errorLabels.cbegin(); it != m_errorLabels.cend(); ++it) {
        QStringList messages;
        if (showsErrors()) {
            for (const FieldError &e : errors) {
                if (concerns(e, it.key()))
                    messages << describe(e);
            }
        }
        it.value()->setText(messages.join(QLatin1Char('\n')));
        it.value()->setVisible(!messages.isEmpty());
        it.value()->setAccessibleName(messages.join(QLatin1Char(' ')));
    }
}

} // namespace pathway
