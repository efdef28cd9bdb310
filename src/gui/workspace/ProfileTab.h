#pragma once

#include "pathway/storage/UserNames.h"
#include "pathway/core/Client.h"

#include <QDate>
#include <QVector>
#include <QWidget>

class QHBoxLayout;
class QLabel;
class QPushButton;
class QScrollArea;
class QVBoxLayout;

namespace pathway {

class Database;
class ProfilePage;
class StrategyEngine;

// Everything the intake captured, editable with the same checks. Saving a
// change that affects the plan (bracket, employment, barriers, goals, how
// the client likes to work) offers to regenerate it.
class ProfileTab : public QWidget
{
    Q_OBJECT
public:
    ProfileTab(Database &db, const StrategyEngine &engine, qint64 clientId,
               QWidget *parent = nullptr);

    void setToday(const QDate &today) { m_today = today; }
    bool reload();
    Client client() const;
    QStringList problems() const;
    bool hasUnsavedChanges() const { return m_dirty; }
    // Saves the profile; false (after a message) when it is refused.
    bool save();

    // Whether the change from `before` to `after` affects the plan.
    static bool affectsPlan(const Client &before, const Client &after,
                            const StrategyEngine &engine);

    // The columns the sections are laid out in: 1 to 3, as the width allows.
    int sectionColumns() const { return m_columns; }

Q_SIGNALS:
    void saved();
    void regenerateRequested();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    // A section's comfortable width: two columns from twice this, three
    // from three times.
    static constexpr int kSectionWidth = 500;
    void onEdited();
    // Lays the sections out for a view `width` pixels wide.
    void arrangeSections(int width);

    Database &m_db;
    const StrategyEngine &m_engine;
    qint64 m_clientId;
    UserNames m_names;
    Client m_stored;
    QVector<ProfilePage *> m_pages;
    QVector<QWidget *> m_boxes; // the pages' group boxes, in interview order
    QScrollArea *m_scroll;
    QHBoxLayout *m_sections;
    QVector<QVBoxLayout *> m_columnLayouts;
    int m_columns = 0;
    QLabel *m_problems;
    QPushButton *m_save;
    QPushButton *m_revert;
    QDate m_today = QDate::currentDate();
    bool m_dirty = false;
};

} // namespace pathway
