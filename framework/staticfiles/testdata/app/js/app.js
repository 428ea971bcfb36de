app copy: the first source wins
