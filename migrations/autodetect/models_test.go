package autodetect

import "time"

// The polls app's models at each step of the tests: Author and Poll, then
// Poll with two new fields and an index, then changes makemigrations
// refuses.

type Author struct {
	ID   int64
	Name string `gorm:"size:100;not null;uniqueIndex"`
}

func (Author) TableName() string { return "polls_author" }

type Poll struct {
	ID       int64
	Text     string `gorm:"size:200;not null"`
	Body     string
	Active   bool      `gorm:"not null;default:true"`
	Price    float64   `gorm:"precision:10;scale:2"`
	Created  time.Time `gorm:"not null;index"`
	Code     string    `gorm:"size:10;unique"`
	Small    int16
	AuthorID *int64
	Author   *Author
	Tag      string `gorm:"size:20;default:'x'"`
}

func (Poll) TableName() string { return "polls_poll" }

// PollVotes adds votes (NOT NULL with a default), a nullable note and an
// index on both.
type PollVotes struct {
	Poll
	Votes int     `gorm:"not null;default:0;index:idx_polls_poll_votes_note,priority:1"`
	Note  *string `gorm:"size:50;index:idx_polls_poll_votes_note,priority:2"`
}

func (PollVotes) TableName() string { return "polls_poll" }

// PollChanged changes text's size and drops body and the index on created.
type PollChanged struct {
	ID       int64
	Text     string    `gorm:"size:300;not null"`
	Active   bool      `gorm:"not null;default:true"`
	Price    float64   `gorm:"precision:10;scale:2"`
	Created  time.Time `gorm:"not null"`
	Code     string    `gorm:"size:10;unique"`
	Small    int16
	AuthorID *int64
	Author   *Author
	Tag      string `gorm:"size:20;default:'y'"`
}

func (PollChanged) TableName() string { return "polls_poll" }

// PollBadAdds adds columns no ALTER TABLE ... ADD can make everywhere.
type PollBadAdds struct {
	Poll
	Rank  int    `gorm:"not null"`
	Email string `gorm:"size:50;unique"`
}

func (PollBadAdds) TableName() string { return "polls_poll" }

// Vote is a model of another app, referring to polls_poll.
type Vote struct {
	ID     int64
	PollID int64 `gorm:"not null"`
	Poll   *Poll
}

func (Vote) TableName() string { return "votes_vote" }
