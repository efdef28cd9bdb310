#pragma once

#include <QObject>
#include <QString>

class QFormLayout;
class QLabel;
class QLineEdit;

namespace pathway {

// A new password typed twice, with the agency's rule shown under it and what
// is wrong said as the person types: the rows are added to a dialog's form.
class PasswordFields : public QObject
{
    Q_OBJECT
public:
    // Adds "label", "Again" and the rule to `form`; object names of the edits
    // are `prefix` + "PasswordLineEdit" and `prefix` + "ConfirmLineEdit".
    PasswordFields(QFormLayout *form, const QString &label, const QString &prefix, QWidget *owner);

    QString password() const;
    // What stops the password from being used ("The two passwords differ"),
    // or empty when it may be used.
    QString problem() const;
    // Empties both fields (after use: a password stays in memory no longer
    // than needed).
    void clear();
    QLineEdit *first() const { return m_first; }
    QLineEdit *second() const { return m_second; }

Q_SIGNALS:
    void changed();

private:
    void update();

    QLineEdit *m_first;
    QLineEdit *m_second;
    QLabel *m_rule;
    QLabel *m_problem;
};

} // namespace pathway
