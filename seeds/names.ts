// Word lists and builders for believable people, organisations, e-mail addresses and domains.
import type { Random } from './random.js';

export type Culture =
  | 'nordic'
  | 'german'
  | 'anglo'
  | 'irish'
  | 'french'
  | 'dutch'
  | 'spanish'
  | 'portuguese'
  | 'italian'
  | 'polish'
  | 'romanian'
  | 'czech'
  | 'indian'
  | 'chinese'
  | 'japanese'
  | 'korean'
  | 'westafrican'
  | 'eastafrican'
  | 'arabic'
  | 'turkish'
  | 'greek'
  | 'vietnamese';

interface NameList {
  first: readonly string[];
  last: readonly string[];
}

export const NAMES: Record<Culture, NameList> = {
  nordic: {
    first: [
      'Astrid', 'Ingrid', 'Sigrid', 'Freja', 'Elin', 'Maja', 'Linnea', 'Saga', 'Ebba', 'Karin', 'Helena', 'Sofie',
      'Ida', 'Nora', 'Signe', 'Tuva', 'Aino', 'Emilia', 'Liv', 'Hanna', 'Erik', 'Lars', 'Anders', 'Johan', 'Magnus',
      'Henrik', 'Nils', 'Olof', 'Mikael', 'Jonas', 'Fredrik', 'Kristian', 'Mathias', 'Rasmus', 'Oskar', 'Viktor',
      'Gustav', 'Sindre', 'Eero', 'Juha', 'Mikko', 'Jussi', 'Bjørn', 'Sven', 'Torbjörn', 'Åsa', 'Sølvi', 'Kasper',
    ],
    last: [
      'Lindqvist', 'Johansson', 'Andersson', 'Karlsson', 'Nilsson', 'Eriksson', 'Larsson', 'Olsen', 'Hansen',
      'Pedersen', 'Nielsen', 'Jensen', 'Christensen', 'Berg', 'Lund', 'Holm', 'Dahl', 'Strand', 'Hagen', 'Bakke',
      'Virtanen', 'Korhonen', 'Mäkinen', 'Nieminen', 'Lehtonen', 'Sjöberg', 'Engström', 'Wallin', 'Forsberg',
      'Sandberg', 'Björk', 'Lindahl', 'Ekström', 'Halvorsen', 'Solberg', 'Rasmussen', 'Møller', 'Østergaard',
      'Åberg', 'Nyström', 'Hellström', 'Kallio', 'Salminen', 'Haugen',
    ],
  },
  german: {
    first: [
      'Anna', 'Lena', 'Laura', 'Julia', 'Katharina', 'Sabine', 'Claudia', 'Miriam', 'Johanna', 'Franziska', 'Lea',
      'Theresa', 'Anja', 'Stefanie', 'Jana', 'Carina', 'Lukas', 'Jonas', 'Felix', 'Maximilian', 'Tobias', 'Florian',
      'Stefan', 'Andreas', 'Matthias', 'Sebastian', 'Markus', 'Thomas', 'Jan', 'Moritz', 'Niklas', 'Dominik',
      'Fabian', 'Benedikt', 'Jürgen', 'Uwe', 'Dirk', 'Ralf', 'Katrin', 'Ute', 'Jörg', 'Björn',
    ],
    last: [
      'Müller', 'Schmidt', 'Schneider', 'Fischer', 'Weber', 'Meyer', 'Wagner', 'Becker', 'Schulz', 'Hoffmann',
      'Koch', 'Richter', 'Klein', 'Wolf', 'Schröder', 'Neumann', 'Schwarz', 'Zimmermann', 'Braun', 'Krüger',
      'Hofmann', 'Hartmann', 'Lange', 'Schmitt', 'Werner', 'Krause', 'Meier', 'Lehmann', 'Huber', 'Kaiser',
      'Fuchs', 'Vogel', 'Keller', 'Brandt', 'Graf', 'Lorenz', 'Winkler', 'Berger', 'Frank', 'Baumann', 'Steiner',
      'Gruber', 'Brunner', 'Egger',
    ],
  },
  anglo: {
    first: [
      'Emma', 'Olivia', 'Charlotte', 'Amelia', 'Grace', 'Sophie', 'Hannah', 'Emily', 'Lucy', 'Chloe', 'Rachel',
      'Sarah', 'Jessica', 'Megan', 'Abigail', 'Madison', 'Lauren', 'Rebecca', 'Katherine', 'Alice', 'James', 'Oliver',
      'William', 'Harry', 'George', 'Jack', 'Thomas', 'Daniel', 'Matthew', 'Samuel', 'Benjamin', 'Joseph', 'Ethan',
      'Noah', 'Andrew', 'Christopher', 'Michael', 'David', 'Ryan', 'Tyler', 'Brandon', 'Nathan', 'Henry', 'Charlie',
      'Jordan', 'Taylor', 'Morgan', 'Alex',
    ],
    last: [
      'Smith', 'Jones', 'Taylor', 'Brown', 'Williams', 'Wilson', 'Johnson', 'Davies', 'Robinson', 'Wright',
      'Thompson', 'Evans', 'Walker', 'White', 'Roberts', 'Green', 'Hall', 'Wood', 'Jackson', 'Clarke', 'Harris',
      'Lewis', 'Turner', 'Hughes', 'Edwards', 'Cooper', 'Ward', 'Morris', 'Bennett', 'Carter', 'Mitchell', 'Parker',
      'Bailey', 'Collins', 'Reed', 'Fletcher', 'Hayes', 'Porter', 'Sullivan', 'Bishop', 'Chapman', 'Ellis', 'Foster',
      'Gray', 'Hunt', 'Knight', 'Marshall', 'Palmer', 'Russell', 'Spencer',
    ],
  },
  irish: {
    first: [
      'Aoife', 'Niamh', 'Siobhan', 'Ciara', 'Orla', 'Saoirse', 'Róisín', 'Clodagh', 'Eimear', 'Sinéad', 'Ciarán',
      'Seán', 'Eoin', 'Cian', 'Darragh', 'Oisín', 'Conor', 'Declan', 'Padraig', 'Ronan', 'Fionn', 'Donal',
    ],
    last: [
      "O'Brien", "O'Sullivan", 'Murphy', 'Kelly', 'Walsh', 'Byrne', 'Ryan', "O'Connor", 'McCarthy', 'Doyle',
      'Gallagher', 'Kennedy', 'Lynch', 'Quinn', 'Brennan', 'Fitzgerald', 'Nolan', 'Keane', 'Moloney', 'Daly',
      "O'Neill", 'Flanagan', 'Duffy', 'Kavanagh',
    ],
  },
  french: {
    first: [
      'Camille', 'Léa', 'Chloé', 'Manon', 'Inès', 'Juliette', 'Élodie', 'Céline', 'Aurélie', 'Mathilde', 'Margaux',
      'Sophie', 'Claire', 'Amélie', 'Hélène', 'Louis', 'Hugo', 'Théo', 'Antoine', 'Julien', 'Nicolas', 'Mathieu',
      'Guillaume', 'Pierre', 'François', 'Benoît', 'Olivier', 'Romain', 'Thibault', 'Maxime', 'Baptiste', 'Étienne',
      'Yannick', 'Sébastien', 'Adrien', 'Gaëlle',
    ],
    last: [
      'Martin', 'Bernard', 'Dubois', 'Thomas', 'Robert', 'Richard', 'Petit', 'Durand', 'Leroy', 'Moreau', 'Simon',
      'Laurent', 'Lefebvre', 'Michel', 'Garcia', 'David', 'Bertrand', 'Roux', 'Vincent', 'Fournier', 'Morel',
      'Girard', 'André', 'Lefèvre', 'Mercier', 'Dupont', 'Lambert', 'Bonnet', 'François', 'Martinez', 'Legrand',
      'Garnier', 'Faure', 'Rousseau', 'Blanc', 'Guérin', 'Muller', 'Henry', 'Roussel', 'Nicolas', 'Perrin', 'Morin',
      'Mathieu', 'Clément', 'Gauthier', 'Dumont', 'Lopez', 'Fontaine', 'Chevalier', 'Janssens', 'Peeters', 'Maes',
    ],
  },
  dutch: {
    first: [
      'Sanne', 'Lotte', 'Fleur', 'Anouk', 'Eva', 'Iris', 'Femke', 'Marloes', 'Noor', 'Esther', 'Lieke', 'Maaike',
      'Bram', 'Daan', 'Sem', 'Thijs', 'Ruben', 'Jeroen', 'Sander', 'Joost', 'Pieter', 'Maarten', 'Wouter', 'Koen',
      'Stijn', 'Lars', 'Niels', 'Bas', 'Tim', 'Jasper',
    ],
    last: [
      'de Jong', 'Jansen', 'de Vries', 'van den Berg', 'van Dijk', 'Bakker', 'Visser', 'Smit', 'Meijer', 'de Boer',
      'Mulder', 'de Groot', 'Bos', 'Vos', 'Peters', 'Hendriks', 'van Leeuwen', 'Dekker', 'Brouwer', 'de Wit',
      'Dijkstra', 'Smits', 'de Graaf', 'van der Meer', 'van der Linden', 'Kok', 'Jacobs', 'de Haan', 'Vermeulen',
      'van den Heuvel', 'Verhoeven', 'Kuiper', 'Willems', 'Claes',
    ],
  },
  spanish: {
    first: [
      'Lucía', 'María', 'Paula', 'Sofía', 'Valentina', 'Camila', 'Daniela', 'Carmen', 'Elena', 'Isabel', 'Marta',
      'Laura', 'Andrea', 'Gabriela', 'Natalia', 'Ximena', 'Alejandro', 'Pablo', 'Javier', 'Diego', 'Sergio', 'Carlos',
      'Miguel', 'Álvaro', 'Andrés', 'Mateo', 'Santiago', 'Juan', 'Luis', 'Jorge', 'Fernando', 'Raúl', 'Ignacio',
      'Rodrigo', 'Tomás', 'Emilio', 'Joaquín', 'Guadalupe', 'Mariana', 'Renata',
    ],
    last: [
      'García', 'Rodríguez', 'González', 'Fernández', 'López', 'Martínez', 'Sánchez', 'Pérez', 'Gómez', 'Martín',
      'Jiménez', 'Ruiz', 'Hernández', 'Díaz', 'Moreno', 'Álvarez', 'Muñoz', 'Romero', 'Alonso', 'Gutiérrez', 'Navarro',
      'Torres', 'Domínguez', 'Vázquez', 'Ramos', 'Gil', 'Ramírez', 'Serrano', 'Blanco', 'Molina', 'Morales', 'Ortega',
      'Delgado', 'Castro', 'Ortiz', 'Rubio', 'Marín', 'Sanz', 'Iglesias', 'Medina', 'Cortés', 'Castillo', 'Flores',
      'Vargas', 'Rojas', 'Mendoza', 'Aguilar', 'Herrera',
    ],
  },
  portuguese: {
    first: [
      'Beatriz', 'Mariana', 'Inês', 'Ana', 'Carolina', 'Joana', 'Larissa', 'Fernanda', 'Letícia', 'Juliana', 'Raquel',
      'Tatiana', 'João', 'Tiago', 'Rui', 'Pedro', 'Gonçalo', 'Duarte', 'Rafael', 'Lucas', 'Gabriel', 'Bruno',
      'Thiago', 'Felipe', 'Vinícius', 'Leonardo', 'Gustavo', 'Caio', 'Renato', 'Márcio',
    ],
    last: [
      'Silva', 'Santos', 'Ferreira', 'Pereira', 'Oliveira', 'Costa', 'Rodrigues', 'Martins', 'Sousa', 'Fernandes',
      'Gonçalves', 'Gomes', 'Lopes', 'Marques', 'Almeida', 'Ribeiro', 'Pinto', 'Carvalho', 'Teixeira', 'Moreira',
      'Correia', 'Mendes', 'Nunes', 'Soares', 'Vieira', 'Monteiro', 'Cardoso', 'Rocha', 'Barbosa', 'Araújo',
      'Nascimento', 'Lima', 'Cavalcanti', 'Azevedo',
    ],
  },
  italian: {
    first: [
      'Giulia', 'Chiara', 'Francesca', 'Sara', 'Martina', 'Federica', 'Alessia', 'Elisa', 'Valentina', 'Silvia',
      'Marco', 'Luca', 'Alessandro', 'Matteo', 'Lorenzo', 'Andrea', 'Davide', 'Simone', 'Federico', 'Riccardo',
      'Stefano', 'Giorgio', 'Paolo', 'Emanuele', 'Niccolò', 'Tommaso',
    ],
    last: [
      'Rossi', 'Russo', 'Ferrari', 'Esposito', 'Bianchi', 'Romano', 'Colombo', 'Ricci', 'Marino', 'Greco', 'Bruno',
      'Gallo', 'Conti', 'De Luca', 'Mancini', 'Costa', 'Giordano', 'Rizzo', 'Lombardi', 'Moretti', 'Barbieri',
      'Fontana', 'Santoro', 'Mariani', 'Rinaldi', 'Caruso', 'Ferrara', 'Galli', 'Martini', 'Leone',
    ],
  },
  polish: {
    first: [
      'Agnieszka', 'Katarzyna', 'Małgorzata', 'Magdalena', 'Joanna', 'Aleksandra', 'Zuzanna', 'Natalia', 'Monika',
      'Ewa', 'Piotr', 'Krzysztof', 'Tomasz', 'Paweł', 'Michał', 'Marcin', 'Łukasz', 'Jakub', 'Kamil', 'Mateusz',
      'Grzegorz', 'Wojciech', 'Bartosz', 'Dorota', 'Karolina', 'Weronika', 'Adam',
    ],
    last: [
      'Nowak', 'Kowalski', 'Wiśniewski', 'Wójcik', 'Kowalczyk', 'Kamiński', 'Lewandowski', 'Zieliński', 'Szymański',
      'Woźniak', 'Dąbrowski', 'Kozłowski', 'Jankowski', 'Mazur', 'Kwiatkowski', 'Krawczyk', 'Piotrowski',
      'Grabowski', 'Pawlak', 'Michalski', 'Król', 'Wieczorek', 'Jabłoński', 'Majewski',
    ],
  },
  romanian: {
    first: ['Andrei', 'Ioana', 'Mihai', 'Elena', 'Alexandru', 'Cristina', 'Bogdan', 'Raluca', 'Vlad', 'Irina', 'Radu', 'Oana', 'Ștefan', 'Simona'],
    last: ['Popescu', 'Ionescu', 'Dumitru', 'Stan', 'Popa', 'Constantin', 'Georgescu', 'Stoica', 'Munteanu', 'Marin', 'Dobre', 'Lungu'],
  },
  czech: {
    first: [
      'Tereza', 'Eliška', 'Kateřina', 'Lucie', 'Veronika', 'Barbora', 'Jakub', 'Ondřej', 'Tomáš', 'Lukáš',
      'Petr', 'Martin', 'Jiří', 'Vojtěch', 'Filip', 'Marek',
    ],
    last: [
      'Novák', 'Svoboda', 'Novotný', 'Dvořák', 'Černý', 'Procházka', 'Kučera', 'Veselý', 'Horák', 'Němec',
      'Marek', 'Pokorný', 'Hájek', 'Král', 'Jelínek', 'Růžička',
    ],
  },
  indian: {
    first: [
      'Priya', 'Ananya', 'Aditi', 'Kavya', 'Neha', 'Pooja', 'Shreya', 'Divya', 'Meera', 'Lakshmi', 'Riya', 'Sneha',
      'Ishita', 'Nandini', 'Arjun', 'Rahul', 'Vikram', 'Rohan', 'Aditya', 'Karthik', 'Siddharth', 'Aarav', 'Nikhil',
      'Sanjay', 'Rajesh', 'Amit', 'Varun', 'Harsh', 'Pranav', 'Manish', 'Deepak', 'Suresh', 'Anil', 'Farhan',
      'Imran', 'Gurpreet', 'Harpreet', 'Jaspreet',
    ],
    last: [
      'Sharma', 'Patel', 'Singh', 'Kumar', 'Gupta', 'Reddy', 'Iyer', 'Nair', 'Menon', 'Rao', 'Joshi', 'Mehta',
      'Shah', 'Desai', 'Kulkarni', 'Chatterjee', 'Banerjee', 'Mukherjee', 'Das', 'Bose', 'Pillai', 'Krishnan',
      'Venkatesh', 'Agarwal', 'Malhotra', 'Kapoor', 'Chopra', 'Bhatt', 'Verma', 'Saxena', 'Khan', 'Qureshi', 'Gill',
      'Sandhu', 'Dhillon',
    ],
  },
  chinese: {
    first: [
      'Wei', 'Jing', 'Li', 'Mei', 'Xiu', 'Yan', 'Hui', 'Ying', 'Xin', 'Lan', 'Fang', 'Ling', 'Jun', 'Hao', 'Ming',
      'Lei', 'Tao', 'Yang', 'Chen', 'Jian', 'Zhi', 'Bo', 'Kai', 'Yue', 'Xiaoming', 'Yiting', 'Zihan', 'Haoran',
      'Jiayi', 'Shu', 'Grace', 'Kevin', 'Vivian', 'Eric', 'Jason', 'Cindy',
    ],
    last: [
      'Wang', 'Li', 'Zhang', 'Liu', 'Chen', 'Yang', 'Huang', 'Zhao', 'Wu', 'Zhou', 'Xu', 'Sun', 'Ma', 'Zhu', 'Hu',
      'Guo', 'He', 'Lin', 'Gao', 'Luo', 'Zheng', 'Liang', 'Xie', 'Tang', 'Han', 'Feng', 'Deng', 'Cao', 'Tan', 'Lim',
      'Tan', 'Ng', 'Chua', 'Goh', 'Teo', 'Chan', 'Wong', 'Leung', 'Lau', 'Cheung',
    ],
  },
  japanese: {
    first: [
      'Yuki', 'Haruka', 'Aoi', 'Sakura', 'Yui', 'Mio', 'Rin', 'Hina', 'Emi', 'Naomi', 'Ayaka', 'Kaori', 'Haruto',
      'Sota', 'Ren', 'Takumi', 'Daiki', 'Kenji', 'Hiroshi', 'Takeshi', 'Yusuke', 'Shota', 'Kenta', 'Ryo', 'Kazuki',
      'Akira',
    ],
    last: [
      'Sato', 'Suzuki', 'Takahashi', 'Tanaka', 'Watanabe', 'Ito', 'Yamamoto', 'Nakamura', 'Kobayashi', 'Kato',
      'Yoshida', 'Yamada', 'Sasaki', 'Yamaguchi', 'Matsumoto', 'Inoue', 'Kimura', 'Hayashi', 'Shimizu', 'Mori',
      'Ikeda', 'Hashimoto', 'Ishikawa', 'Ogawa', 'Fujita', 'Okada',
    ],
  },
  korean: {
    first: [
      'Ji-woo', 'Seo-yeon', 'Min-ji', 'Ha-eun', 'Soo-ah', 'Ye-jin', 'Eun-ji', 'Da-eun', 'Min-jun', 'Seo-jun',
      'Ji-ho', 'Hyun-woo', 'Jae-won', 'Sung-min', 'Dong-hyun', 'Tae-yang',
    ],
    last: ['Kim', 'Lee', 'Park', 'Choi', 'Jung', 'Kang', 'Cho', 'Yoon', 'Jang', 'Lim', 'Han', 'Shin', 'Seo', 'Kwon', 'Hwang', 'Ahn'],
  },
  westafrican: {
    first: [
      'Adaeze', 'Chiamaka', 'Ngozi', 'Folake', 'Yetunde', 'Funmilayo', 'Ama', 'Efua', 'Abena', 'Aminata', 'Fatou',
      'Chinedu', 'Emeka', 'Obinna', 'Tunde', 'Babajide', 'Oluwaseun', 'Kwame', 'Kofi', 'Yaw', 'Kwabena', 'Mamadou',
      'Ousmane', 'Ibrahima', 'Segun', 'Ikenna',
    ],
    last: [
      'Okafor', 'Adeyemi', 'Okonkwo', 'Eze', 'Nwosu', 'Balogun', 'Adebayo', 'Ogunleye', 'Olawale', 'Mensah', 'Asante',
      'Boateng', 'Owusu', 'Appiah', 'Diallo', 'Traoré', 'Ndiaye', 'Sow', 'Diop', 'Bello', 'Chukwu', 'Afolabi',
    ],
  },
  eastafrican: {
    first: [
      'Wanjiru', 'Achieng', 'Njeri', 'Amani', 'Zawadi', 'Nia', 'Thandiwe', 'Lerato', 'Naledi', 'Kamau', 'Otieno',
      'Baraka', 'Jabari', 'Sipho', 'Thabo', 'Bongani', 'Tendai', 'Tariku', 'Selam', 'Abebe',
    ],
    last: [
      'Mwangi', 'Kamau', 'Odhiambo', 'Wanjiku', 'Otieno', 'Njoroge', 'Kiprop', 'Cheruiyot', 'Nkosi', 'Dlamini',
      'Mokoena', 'Ndlovu', 'Khumalo', 'Mahlangu', 'Tesfaye', 'Bekele', 'Haile', 'Moyo',
    ],
  },
  arabic: {
    first: [
      'Layla', 'Noor', 'Fatima', 'Mariam', 'Yasmin', 'Hana', 'Salma', 'Rania', 'Dina', 'Aisha', 'Omar', 'Ahmed',
      'Youssef', 'Khalid', 'Hassan', 'Karim', 'Tariq', 'Samir', 'Rami', 'Ziad', 'Faisal', 'Nabil', 'Mohammed', 'Ali',
    ],
    last: [
      'Haddad', 'Khoury', 'Mansour', 'Nasser', 'Saleh', 'Hamdan', 'Aziz', 'Farouk', 'Rahman', 'Darwish', 'Karam',
      'Haidar', 'Sabbagh', 'Najjar', 'Al-Amin', 'El-Sayed', 'Bakr', 'Ibrahim', 'Hussein', 'Yousef',
    ],
  },
  turkish: {
    first: ['Elif', 'Zeynep', 'Ayşe', 'Deniz', 'Ece', 'Selin', 'Mehmet', 'Emre', 'Burak', 'Can', 'Murat', 'Kerem', 'Onur', 'Cem'],
    last: ['Yılmaz', 'Kaya', 'Demir', 'Şahin', 'Çelik', 'Yıldız', 'Aydın', 'Öztürk', 'Arslan', 'Doğan', 'Koç', 'Kurt'],
  },
  greek: {
    first: ['Eleni', 'Maria', 'Katerina', 'Dimitra', 'Sofia', 'Nikos', 'Giorgos', 'Dimitris', 'Kostas', 'Yannis', 'Alexandros'],
    last: ['Papadopoulos', 'Georgiou', 'Nikolaidis', 'Konstantinou', 'Vlachos', 'Oikonomou', 'Christodoulou', 'Pappas', 'Antoniou'],
  },
  vietnamese: {
    first: ['Linh', 'Lan', 'Mai', 'Thao', 'Huong', 'Trang', 'Minh', 'Duc', 'Tuan', 'Huy', 'Quang', 'Nam', 'Long', 'Bao'],
    last: ['Nguyen', 'Tran', 'Le', 'Pham', 'Hoang', 'Vu', 'Vo', 'Dang', 'Bui', 'Do', 'Ho', 'Ngo'],
  },
};

/** A country: display name, web TLD, legal forms and the mix of naming cultures of its people. */
export interface CountryInfo {
  name: string;
  tld: string;
  legalForms: readonly string[];
  cultures: readonly (readonly [Culture, number])[];
}

export const COUNTRIES = {
  SE: { name: 'Sweden', tld: 'se', legalForms: ['AB'], cultures: [['nordic', 80], ['arabic', 5], ['polish', 4], ['anglo', 4], ['greek', 2], ['indian', 5]] },
  NO: { name: 'Norway', tld: 'no', legalForms: ['AS', 'ASA'], cultures: [['nordic', 85], ['polish', 5], ['anglo', 4], ['indian', 3], ['eastafrican', 3]] },
  DK: { name: 'Denmark', tld: 'dk', legalForms: ['A/S', 'ApS'], cultures: [['nordic', 85], ['german', 5], ['turkish', 4], ['anglo', 3], ['indian', 3]] },
  FI: { name: 'Finland', tld: 'fi', legalForms: ['Oy', 'Oyj'], cultures: [['nordic', 90], ['anglo', 4], ['indian', 3], ['chinese', 3]] },
  DE: { name: 'Germany', tld: 'de', legalForms: ['GmbH', 'AG', 'GmbH & Co. KG', 'SE'], cultures: [['german', 78], ['turkish', 7], ['polish', 5], ['greek', 3], ['italian', 3], ['indian', 4]] },
  AT: { name: 'Austria', tld: 'at', legalForms: ['GmbH', 'AG'], cultures: [['german', 85], ['czech', 6], ['turkish', 5], ['polish', 4]] },
  CH: { name: 'Switzerland', tld: 'ch', legalForms: ['AG', 'SA', 'GmbH'], cultures: [['german', 60], ['french', 20], ['italian', 12], ['portuguese', 4], ['indian', 4]] },
  GB: { name: 'United Kingdom', tld: 'co.uk', legalForms: ['Ltd', 'plc', 'LLP'], cultures: [['anglo', 68], ['irish', 6], ['indian', 12], ['westafrican', 5], ['chinese', 3], ['polish', 3], ['arabic', 3]] },
  IE: { name: 'Ireland', tld: 'ie', legalForms: ['Ltd', 'DAC', 'plc'], cultures: [['irish', 65], ['anglo', 18], ['polish', 7], ['indian', 5], ['portuguese', 5]] },
  FR: { name: 'France', tld: 'fr', legalForms: ['SA', 'SAS', 'SARL'], cultures: [['french', 78], ['arabic', 10], ['westafrican', 5], ['portuguese', 3], ['vietnamese', 4]] },
  BE: { name: 'Belgium', tld: 'be', legalForms: ['NV', 'SA', 'BV'], cultures: [['french', 45], ['dutch', 40], ['arabic', 6], ['turkish', 4], ['italian', 5]] },
  NL: { name: 'Netherlands', tld: 'nl', legalForms: ['B.V.', 'N.V.'], cultures: [['dutch', 75], ['turkish', 5], ['arabic', 5], ['indian', 5], ['german', 3], ['chinese', 3], ['westafrican', 4]] },
  LU: { name: 'Luxembourg', tld: 'lu', legalForms: ['S.A.', 'S.à r.l.'], cultures: [['french', 50], ['german', 25], ['portuguese', 20], ['italian', 5]] },
  ES: { name: 'Spain', tld: 'es', legalForms: ['S.A.', 'S.L.'], cultures: [['spanish', 88], ['arabic', 4], ['portuguese', 3], ['italian', 2], ['polish', 3]] },
  PT: { name: 'Portugal', tld: 'pt', legalForms: ['S.A.', 'Lda.'], cultures: [['portuguese', 92], ['spanish', 4], ['indian', 4]] },
  IT: { name: 'Italy', tld: 'it', legalForms: ['S.p.A.', 'S.r.l.'], cultures: [['italian', 90], ['arabic', 4], ['polish', 3], ['chinese', 3]] },
  PL: { name: 'Poland', tld: 'pl', legalForms: ['Sp. z o.o.', 'S.A.'], cultures: [['polish', 96], ['czech', 4]] },
  CZ: { name: 'Czechia', tld: 'cz', legalForms: ['s.r.o.', 'a.s.'], cultures: [['czech', 90], ['polish', 6], ['vietnamese', 4]] },
  RO: { name: 'Romania', tld: 'ro', legalForms: ['S.R.L.', 'S.A.'], cultures: [['romanian', 96], ['polish', 4]] },
  GR: { name: 'Greece', tld: 'gr', legalForms: ['S.A.', 'IKE'], cultures: [['greek', 95], ['arabic', 5]] },
  TR: { name: 'Turkey', tld: 'com.tr', legalForms: ['A.Ş.', 'Ltd. Şti.'], cultures: [['turkish', 100]] },
  US: { name: 'United States', tld: 'com', legalForms: ['Inc.', 'LLC', 'Corp.'], cultures: [['anglo', 52], ['irish', 6], ['spanish', 14], ['chinese', 6], ['indian', 8], ['westafrican', 4], ['korean', 3], ['italian', 3], ['vietnamese', 2], ['arabic', 2]] },
  CA: { name: 'Canada', tld: 'ca', legalForms: ['Inc.', 'Ltd.', 'Corp.'], cultures: [['anglo', 50], ['french', 20], ['chinese', 10], ['indian', 10], ['irish', 4], ['arabic', 3], ['korean', 3]] },
  MX: { name: 'Mexico', tld: 'com.mx', legalForms: ['S.A. de C.V.', 'S. de R.L.'], cultures: [['spanish', 100]] },
  BR: { name: 'Brazil', tld: 'com.br', legalForms: ['Ltda.', 'S.A.'], cultures: [['portuguese', 88], ['italian', 5], ['japanese', 4], ['arabic', 3]] },
  AR: { name: 'Argentina', tld: 'com.ar', legalForms: ['S.A.', 'S.R.L.'], cultures: [['spanish', 80], ['italian', 20]] },
  CL: { name: 'Chile', tld: 'cl', legalForms: ['S.A.', 'SpA'], cultures: [['spanish', 95], ['german', 5]] },
  CO: { name: 'Colombia', tld: 'com.co', legalForms: ['S.A.S.', 'S.A.'], cultures: [['spanish', 100]] },
  SG: { name: 'Singapore', tld: 'com.sg', legalForms: ['Pte. Ltd.'], cultures: [['chinese', 65], ['indian', 20], ['anglo', 8], ['vietnamese', 7]] },
  AU: { name: 'Australia', tld: 'com.au', legalForms: ['Pty Ltd'], cultures: [['anglo', 62], ['irish', 6], ['chinese', 12], ['indian', 8], ['vietnamese', 5], ['greek', 4], ['italian', 3]] },
  NZ: { name: 'New Zealand', tld: 'co.nz', legalForms: ['Limited'], cultures: [['anglo', 80], ['chinese', 10], ['indian', 10]] },
  JP: { name: 'Japan', tld: 'co.jp', legalForms: ['K.K.', 'G.K.'], cultures: [['japanese', 100]] },
  KR: { name: 'South Korea', tld: 'co.kr', legalForms: ['Co., Ltd.'], cultures: [['korean', 100]] },
  IN: { name: 'India', tld: 'in', legalForms: ['Pvt. Ltd.', 'Ltd.'], cultures: [['indian', 100]] },
  AE: { name: 'United Arab Emirates', tld: 'ae', legalForms: ['LLC', 'FZ-LLC'], cultures: [['arabic', 55], ['indian', 30], ['anglo', 10], ['eastafrican', 5]] },
  ZA: { name: 'South Africa', tld: 'co.za', legalForms: ['(Pty) Ltd'], cultures: [['eastafrican', 60], ['anglo', 30], ['dutch', 5], ['indian', 5]] },
  NG: { name: 'Nigeria', tld: 'com.ng', legalForms: ['Ltd', 'Plc'], cultures: [['westafrican', 100]] },
  KE: { name: 'Kenya', tld: 'co.ke', legalForms: ['Ltd'], cultures: [['eastafrican', 90], ['indian', 10]] },
  CN: { name: 'China', tld: 'com.cn', legalForms: ['Co., Ltd.'], cultures: [['chinese', 100]] },
  TW: { name: 'Taiwan', tld: 'com.tw', legalForms: ['Co., Ltd.', 'Corp.'], cultures: [['chinese', 100]] },
  VN: { name: 'Vietnam', tld: 'vn', legalForms: ['JSC', 'Co., Ltd.'], cultures: [['vietnamese', 100]] },
} satisfies Record<string, CountryInfo>;

export type CountryCode = keyof typeof COUNTRIES;

export function countryInfo(code: CountryCode): CountryInfo {
  return COUNTRIES[code];
}

export interface PersonName {
  first: string;
  last: string;
}

export function personName(rng: Random, country: CountryCode): PersonName {
  const culture = rng.chance(0.08) ? rng.pick(ALL_CULTURES) : rng.weightedPick(COUNTRIES[country].cultures);
  const list = NAMES[culture];
  return { first: rng.pick(list.first), last: rng.pick(list.last) };
}

const ALL_CULTURES = Object.keys(NAMES) as Culture[];

const TRANSLITERATE: Record<string, string> = {
  ø: 'o', æ: 'ae', å: 'a', ß: 'ss', ł: 'l', đ: 'd', ı: 'i', œ: 'oe', þ: 'th', ð: 'd',
};

/** ASCII, lowercase, letters and digits only: "Bjørn Østergaard" → "bjorn", "ostergaard". */
export function asciiWord(text: string): string {
  return text
    .toLowerCase()
    .replace(/[øæåßłđıœþð]/g, (c) => TRANSLITERATE[c] ?? '')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]/g, '');
}

/** "Marie-Claire van den Berg" → "marie-claire.vandenberg" style local parts. */
export function emailLocalPart(name: PersonName): string {
  const first = name.first
    .split('-')
    .map(asciiWord)
    .filter((s) => s.length > 0)
    .join('-');
  return `${first}.${asciiWord(name.last)}`;
}

/** "van der Berg & Co" → "Van der Berg & Co" (at the start of a name, particles are capitalised). */
export function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Lowercase words joined by hyphens, ASCII only (for domains and ids). */
export function slugify(text: string): string {
  return text
    .split(/[^\p{L}\p{N}]+/u)
    .map(asciiWord)
    .filter((s) => s.length > 0)
    .join('-');
}

// ---------------------------------------------------------------------------------------------
// Organisation names

const STEM_PREFIXES = [
  'North', 'South', 'West', 'East', 'Silver', 'Iron', 'Oak', 'Alder', 'Birch', 'Cedar', 'Elm', 'Maple', 'Stone',
  'River', 'Lake', 'High', 'Bright', 'Clear', 'Red', 'Blue', 'Green', 'Gold', 'Frost', 'Sun', 'Star', 'Wind',
  'Storm', 'Harbour', 'Bay', 'Fjord', 'Glen', 'Ash', 'Rowan', 'Hazel', 'Linden', 'Willow', 'Thorn', 'Falcon',
  'Raven', 'Kestrel', 'Heron', 'Wolf', 'Bear', 'Fox', 'Lynx', 'Tide', 'Coral', 'Granite', 'Amber', 'Copper',
  'Cobalt', 'Quartz', 'Summit', 'Pine', 'Fern', 'Moss', 'Brook', 'Salt', 'Cloud', 'Crown',
] as const;

const STEM_SUFFIXES = [
  'gate', 'field', 'ford', 'bridge', 'brook', 'wood', 'vale', 'mere', 'stone', 'haven', 'point', 'ridge', 'line',
  'wick', 'holm', 'dale', 'berg', 'mark', 'port', 'way', 'crest', 'worth', 'stead', 'view', 'fall', 'moor',
] as const;

const BRAND_HEADS = [
  'Vel', 'Nex', 'Quan', 'Zen', 'Lum', 'Cor', 'Tel', 'Syn', 'Ori', 'Ver', 'Kai', 'Sol', 'Tri', 'Omni', 'Ax', 'Pax',
  'Nov', 'Cal', 'Mer', 'Tes', 'Obel', 'Ky', 'Ar', 'Il', 'Sen', 'Dar', 'Fen', 'Gal', 'Hel', 'Jun',
] as const;

const BRAND_TAILS = ['tra', 'ora', 'tix', 'ium', 'eon', 'ara', 'ova', 'ica', 'ity', 'io', 'ex', 'ent', 'yx', 'ano', 'ero', 'isa'] as const;

/** Industries (of customers) and kinds of supplier / partner, each with the words that name them. */
export const INDUSTRY_WORDS = {
  retail: ['Retail', 'Markets', 'Stores', 'Trading', 'Commerce', 'Outfitters', 'Home & Living', 'Department Stores'],
  manufacturing: ['Industries', 'Manufacturing', 'Components', 'Machinery', 'Precision', 'Fabrication', 'Metalworks', 'Engineering'],
  finance: ['Bank', 'Savings Bank', 'Financial', 'Capital Markets', 'Credit Union', 'Payments', 'Asset Management'],
  insurance: ['Insurance', 'Mutual', 'Assurance', 'Life & Pensions'],
  public: ['Water Authority', 'Transport Authority', 'Regional Council', 'Health Authority', 'Housing Agency', 'University'],
  energy: ['Energy', 'Power', 'Renewables', 'Grid', 'Utilities', 'Wind Power', 'Solar'],
  healthcare: ['Health', 'Medical', 'Clinics', 'Diagnostics', 'Pharma', 'Care Group', 'Biosciences'],
  software: ['Labs', 'Software', 'Digital', 'Apps', 'Technologies', 'Platforms', 'Systems'],
  telecom: ['Telecom', 'Networks', 'Mobile', 'Broadband', 'Connect', 'Fibre'],
  logistics: ['Logistics', 'Freight', 'Shipping', 'Transport', 'Cargo', 'Distribution'],
  media: ['Media', 'Publishing', 'Studios', 'Broadcasting', 'Entertainment'],
  education: ['Learning', 'Academy', 'Education', 'Schools'],
  automotive: ['Automotive', 'Motors', 'Mobility', 'Vehicle Systems'],
  food: ['Foods', 'Dairy', 'Beverages', 'Bakeries', 'Fresh Produce'],
  cloud: ['Cloud', 'Hosting', 'Data Centres', 'Compute', 'Infrastructure'],
  hardware: ['Hardware', 'Devices', 'Electronics', 'Semiconductors', 'Systems'],
  consulting: ['Consulting', 'Advisory', 'Consultants', 'Strategy Group'],
  recruitment: ['Talent', 'Recruitment', 'Staffing', 'Search'],
  agency: ['Creative', 'Agency', 'Marketing', 'Events', 'Design Studio'],
  facilities: ['Facilities', 'Office Services', 'Workplace', 'Property Services'],
  security: ['Security', 'Cyber', 'Secure Systems', 'Identity'],
  integrator: ['Solutions', 'Integration', 'IT Services', 'Systems Integration', 'Data Consulting'],
  reseller: ['Distribution', 'IT Supply', 'Software Distribution', 'Tech Partners'],
  fund: ['Ventures', 'Capital', 'Partners', 'Growth Equity', 'Investments', 'Venture Partners'],
} as const satisfies Record<string, readonly string[]>;

export type IndustryKey = keyof typeof INDUSTRY_WORDS;

/** Industries whose firms are usually named after people: "Marsh, Adeyemi & Partners". */
const PARTNERSHIP_STYLE: ReadonlySet<IndustryKey> = new Set(['consulting', 'recruitment', 'fund']);

function stem(rng: Random): string {
  if (rng.chance(0.7)) return rng.pick(STEM_PREFIXES) + rng.pick(STEM_SUFFIXES);
  return rng.pick(BRAND_HEADS) + rng.pick(BRAND_TAILS);
}

export interface OrganisationName {
  name: string;
  /** Domain without TLD, e.g. "northgate-logistics". */
  domainStem: string;
}

/** One candidate name; callers retry on collisions (see `UniqueNames`). */
export function organisationName(rng: Random, country: CountryCode, industry: IndustryKey): OrganisationName {
  const info = COUNTRIES[country];
  const word = rng.pick(INDUSTRY_WORDS[industry]);
  if (PARTNERSHIP_STYLE.has(industry) && rng.chance(0.35)) {
    const a = personName(rng, country).last;
    let b = personName(rng, country).last;
    if (b === a) b = personName(rng, country).last;
    const name = capitalise(rng.chance(0.5) ? `${a}, ${b} & Partners` : `${a} & ${b} ${word}`);
    return { name, domainStem: `${asciiWord(a)}${asciiWord(b)}` };
  }
  const s = stem(rng);
  if (industry === 'public') {
    const name = `${s} ${word}`;
    return { name, domainStem: slugify(name) };
  }
  const legal = rng.chance(0.75) ? ` ${rng.pick(info.legalForms)}` : '';
  const domainStem = rng.chance(0.45) ? asciiWord(s) : slugify(`${s} ${word}`);
  return { name: `${s} ${word}${legal}`, domainStem };
}

/** Keeps names, domains and e-mail addresses unique within one generated ecosystem. */
export class UniqueNames {
  private readonly taken = new Set<string>();

  claim(key: string): boolean {
    if (this.taken.has(key)) return false;
    this.taken.add(key);
    return true;
  }
}
