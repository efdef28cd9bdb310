#include "intake/ProfilePage.h"

#include <QEvent>
#include <QFocusEvent>
#include <QLabel>
#include <QSpinBox>
#include <QVBoxLayout>

namespace pathway {

void ProfilePage::load(const Client &client)
{
    m_loading = true;
    loadFields(client);
    m_loading = false;
}

QWidget *ProfilePage::withError(QWidget *row, QLabel *error, QWidget *editor)
{
    auto *box = new QWidget;
    auto *layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(row);
    layout->addWidget(error);
    // Rows keep their natural height; spare room goes below the form.
    box->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Maximum);
    if (!editor)
        editor = row;
    const QString field = m_errorLabels.key(error);
    if (!field.isEmpty()) {
        m_editors.insert(field, editor);
        m_watched.insert(editor, field);
        editor->installEventFilter(this);
    }
    return box;
}

bool ProfilePage::eventFilter(QObject *watched, QEvent *event)
{
    const auto it = m_watched.constFind(watched);
    if (it != m_watched.constEnd()) {
        switch (event->type()) {
        case QEvent::KeyPress:
        case QEvent::MouseButtonPress:
        case QEvent::Wheel:
            // The counselor is changing this field: its messages show with
            // the edit that follows.
            m_visited.insert(*it);
            break;
        case QEvent::FocusOut: {
            // Moving on from a field visits it; a popup or another window
            // taking the focus does not.
            const auto reason = static_cast<QFocusEvent *>(event)->reason();
            if (reason != Qt::PopupFocusReason && reason != Qt::ActiveWindowFocusReason)
                visit(*it);
            break;
        }
        default:
            break;
        }
    }
    return QWizardPage::eventFilter(watched, event);
}

void ProfilePage::visit(const QString &field)
{
    m_visited.insert(field);
    showErrors(m_lastErrors);
}

void ProfilePage::setShowAll(bool showAll)
{
    m_showAll = showAll;
}

bool ProfilePage::showsErrorsFor(const QString &field) const
{
    return m_showAll || m_visited.contains(field);
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

void ProfilePage::setTabOrder(std::initializer_list<QWidget *> widgets)
{
    QWidget *previous = nullptr;
    for (QWidget *w : widgets) {
        if (previous)
            QWidget::setTabOrder(previous, w);
        previous = w;
    }
}

void ProfilePage::showCount(QSpinBox *box, const std::function<QString(int)> &text)
{
    const auto update = [box, text](int value) {
        // The words before and after the number, as the translation puts them.
        const QString full = text(value);
        const QString number = QString::number(value);
        const int at = full.indexOf(number);
        const QString prefix = at < 0 ? QString() : full.left(at);
        const QString suffix = at < 0 ? QLatin1Char(' ') + full : full.mid(at + number.size());
        if (box->prefix() != prefix)
            box->setPrefix(prefix);
        if (box->suffix() != suffix)
            box->setSuffix(suffix);
    };
    update(box->value());
    QObject::connect(box, &QSpinBox::valueChanged, box, update);
}

QString ProfilePage::describe(const FieldError &error) const
{
    for (auto it = m_names.cbegin(); it != m_names.cend(); ++it) {
        if (concerns(error, it.key()))
            return it.value() + QLatin1Char(' ') + error.message;
    }
    return {};
}

QWidget *ProfilePage::fieldWidget(const FieldError &error) const
{
    for (auto it = m_editors.cbegin(); it != m_editors.cend(); ++it) {
        if (concerns(error, it.key()))
            return it.value();
    }
    return nullptr;
}

QVector<FieldError> ProfilePage::withInputErrors(const QVector<ProfilePage *> &pages,
                                                 QVector<FieldError> errors)
{
    for (const ProfilePage *page : pages) {
        for (const FieldError &input : page->inputErrors()) {
            int at = -1;
            for (int i = errors.size() - 1; i >= 0; --i) {
                if (errors[i].field == input.field) {
                    errors.removeAt(i);
                    at = i;
                }
            }
            errors.insert(at < 0 ? errors.size() : at, input);
        }
    }
    return errors;
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
    m_lastErrors = errors;
    for (auto it = m_errorLabels.cbegin(); it != m_errorLabels.cend(); ++it) {
        QStringList messages;
        if (showsErrorsFor(it.key())) {
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
